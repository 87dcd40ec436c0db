import { ConnectorClient, ConnectorError } from '@herald/connector-client';
import { deriveId, type DeliveryTarget, type OutboundActivity } from '@herald/contracts';
import { RetryLaterError } from '@herald/messaging';
import type { SendGovernor } from '../rate-governor/send-governor.js';
import { callConnector } from '../send-activity/call-connector.js';
import type { OutboundSendsStore } from '../send-activity/outbound-sends.store.js';
import { persistOutcome } from '../send-activity/persist-outcome.js';
import { MAX_SEND_ATTEMPTS } from '../send-activity/send-activity.consumer.js';
import { outcomeOf, type Outcome } from '../notifications/recipient-outcomes.js';

/** Where the digest's card ended (each notification in it settles so), or when to try it again. */
export type DigestSend = { outcome: Outcome } | { laterMs: number };

/**
 * A digest's one card, sent at most once like any notification: within Teams' limits (the
 * governor), guarded by a claim in `outbound_sends` (a redelivered SendDigest finds the outcome,
 * and one found in flight is Unknown, never sent again), a personal chat created first when
 * Herald has none with the person yet.
 */
export class DigestSender {
  constructor(
    private readonly connector: ConnectorClient,
    private readonly governor: SendGovernor,
    private readonly sends: OutboundSendsStore,
  ) {}

  async send(digestKey: string, target: DeliveryTarget, activity: OutboundActivity): Promise<DigestSend> {
    const commandId = deriveId('DigestSent', digestKey);
    const { serviceUrl } = target;
    // A person Herald reaches only by installing the app (graph-sync) is never held for a digest: they have no settings yet.
    if (!serviceUrl) return { outcome: { bucket: 'NotInstalled', code: 'NoConversation', attempts: 0 } };
    const conversation = target.conversationId ? { id: target.conversationId } : await this.createPersonalChat(commandId, { ...target, serviceUrl });
    if (!('id' in conversation)) return conversation;
    const clearance = await this.governor.clear({ conversationId: conversation.id, tenantId: target.tenantId }, 'broadcast');
    if (!clearance.go) return { laterMs: clearance.retryInMs };
    const claim = await this.sends.claim(commandId, conversation.id, new Date());
    if (claim.kind === 'finished') return { outcome: outcomeOf(claim.record) };
    if (claim.kind === 'interrupted') return this.interrupted(commandId, claim.record);
    const sent = await callConnector(() => this.connector.sendToConversation(serviceUrl, conversation.id, activity));
    if ('failure' in sent) {
      const { failure } = sent;
      if (failure.kind === 'retry' && claim.attempts < MAX_SEND_ATTEMPTS) {
        await persistOutcome([() => this.sends.record(commandId, { state: 'retrying', code: failure.code }, new Date())]);
        return { laterMs: failure.delayMs ?? 1_000 * 2 ** claim.attempts };
      }
      const bucket = failure.kind === 'unknown' ? 'Unknown' : 'Failed';
      await persistOutcome([() => this.sends.record(commandId, { state: failure.kind === 'unknown' ? 'unknown' : 'failed', code: failure.code }, new Date())]);
      return { outcome: { bucket, code: failure.code, conversationId: conversation.id, attempts: claim.attempts } };
    }
    const activityId = sent.result.id;
    await persistOutcome([() => this.sends.record(commandId, { state: 'delivered', ...(activityId ? { activityId } : {}) }, new Date())]);
    return { outcome: { bucket: 'Delivered', conversationId: conversation.id, ...(activityId ? { activityId } : {}), attempts: claim.attempts } };
  }

  private async createPersonalChat(commandId: string, target: DeliveryTarget & { serviceUrl: string }): Promise<{ id: string } | DigestSend> {
    const clearance = await this.governor.clear({ tenantId: target.tenantId }, 'broadcast');
    if (!clearance.go) return { laterMs: clearance.retryInMs };
    const created = await callConnector(async () => {
      const { id } = await this.connector.createConversation(target.serviceUrl, { botId: target.botId ?? '', userId: target.createWithUserId ?? '', tenantId: target.tenantId ?? '' });
      if (!id) throw new ConnectorError('createConversation answered without an id', undefined, 'NoConversationId', undefined, true);
      return id;
    });
    if ('result' in created) return { id: created.result };
    const { failure } = created;
    const attempts = await this.sends.countRetry(commandId, '', failure.code, new Date());
    if (failure.kind === 'retry' && attempts < MAX_SEND_ATTEMPTS) return { laterMs: failure.delayMs ?? 1_000 * 2 ** attempts };
    return { outcome: { bucket: failure.kind === 'unknown' ? 'Unknown' : 'Failed', code: failure.code, attempts } };
  }

  /** An earlier attempt stopped after its call left: Unknown, unless that attempt may still be running. */
  private async interrupted(commandId: string, record: Parameters<OutboundSendsStore['stillHeldFor']>[0]): Promise<DigestSend> {
    const heldMs = this.sends.stillHeldFor(record, new Date());
    if (heldMs > 0) throw new RetryLaterError('the digest is in flight in another attempt', Math.min(Math.max(heldMs, 1_000), 5_000));
    await persistOutcome([() => this.sends.record(commandId, { state: 'unknown', code: 'InterruptedInFlight' }, new Date())]);
    return { outcome: { bucket: 'Unknown', code: 'InterruptedInFlight', attempts: record.attempts } };
  }
}
