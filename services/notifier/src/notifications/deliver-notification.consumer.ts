import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConnectorClient, ConnectorError } from '@herald/connector-client';
import { CONSUMERS, deliveryRequestedSchema, SUBJECTS, type DeliveryRequested } from '@herald/contracts';
import { METRICS } from '@herald/health';
import { JetStreamEventPattern } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { callConnector, type ConnectorCall } from '../send-activity/call-connector.js';
import { OutboundSendsStore } from '../send-activity/outbound-sends.store.js';
import { MAX_SEND_ATTEMPTS } from '../send-activity/send-activity.consumer.js';
import { SendGovernor } from '../rate-governor/send-governor.js';
import { activityOf } from './notification-activity.js';
import { DeliveryChecks } from './delivery-checks.js';
import { RecipientOutcomes } from './recipient-outcomes.js';

/**
 * DeliveryRequested → skipped when the person muted it or the notification was cancelled → held
 * in their quiet hours, or digested, unless critical (see HoldDeliveries) → (a
 * personal chat created first when there is none) → one Bot Connector POST of the notification's
 * latest content, never repeated when its outcome is unknown → RecipientSettled in exactly one
 * bucket. Only the Bot Connector's answer decides the bucket: a failure of Herald's own (NATS,
 * Postgres) throws, and the message comes back later. Waits for Teams' limits are short; a longer
 * one reschedules the command instead of holding it.
 */
@Controller()
export class DeliverNotificationConsumer {
  constructor(
    @Inject(OutboundSendsStore) private readonly sends: OutboundSendsStore,
    @Inject(ConnectorClient) private readonly connector: ConnectorClient,
    @Inject(SendGovernor) private readonly governor: SendGovernor,
    @Inject(DeliveryChecks) private readonly checks: DeliveryChecks,
    @Inject(RecipientOutcomes) private readonly outcomes: RecipientOutcomes,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.deliveryRequests, { durable: CONSUMERS.notifierDeliver })
  async handle(@Payload() payload: unknown): Promise<void> {
    const command = deliveryRequestedSchema.parse(payload);
    const earlier = await this.sends.lookup(command.metadata.id);
    if (earlier?.state === 'in_flight') return this.outcomes.interrupted(command, earlier);
    if (earlier && earlier.state !== 'retrying') return this.outcomes.repeat(command, earlier);
    const wish = await this.checks.personsWish(command);
    if (wish === 'muted') return this.outcomes.settle(command, { bucket: 'Skipped', code: 'muted', attempts: 0 });
    if (wish === 'wait') return;
    const conversationId = command.data.target.conversationId ?? (await this.createPersonalChat(command));
    if (conversationId) await this.send(command, conversationId);
  }

  /** A person Herald has no chat with yet: createConversation (idempotent: Teams answers the existing chat). */
  private async createPersonalChat(command: DeliveryRequested): Promise<string | undefined> {
    const { target } = command.data;
    const clearance = await this.governor.clear({ tenantId: target.tenantId }, 'broadcast');
    if (!clearance.go) return void (await this.outcomes.later(command, clearance.retryInMs));
    const created = await callConnector(async () => {
      const { id } = await this.connector.createConversation(target.serviceUrl, { botId: target.botId ?? '', userId: target.createWithUserId ?? '', tenantId: target.tenantId ?? '' });
      if (!id) throw new ConnectorError('createConversation answered without an id', undefined, 'NoConversationId', undefined, true);
      return id;
    });
    if ('result' in created) return created.result;
    const attempts = await this.sends.countRetry(command.metadata.id, command.data.recipientKey, created.failure.code, new Date());
    return void (await this.fail(command, created, attempts, undefined));
  }

  private async send(command: DeliveryRequested, conversationId: string): Promise<void> {
    const clearance = await this.governor.clear({ conversationId, tenantId: command.data.target.tenantId }, 'broadcast');
    if (!clearance.go) return this.outcomes.later(command, clearance.retryInMs);
    // Looked up once the slot is ours: a cancel or a PATCH made while this send waited still counts.
    const current = await this.checks.current(command.data);
    if (current.cancelled) return this.outcomes.finish(command, { bucket: 'Skipped', code: 'cancelled', attempts: 0 });
    const claim = await this.sends.claim(command.metadata.id, conversationId, new Date());
    if (claim.kind === 'interrupted') return this.outcomes.interrupted(command, claim.record);
    if (claim.kind === 'finished') return this.outcomes.repeat(command, claim.record);
    const sent = await callConnector(() => this.connector.sendToConversation(command.data.target.serviceUrl, conversationId, activityOf(current.content)));
    if ('failure' in sent) return this.fail(command, sent, claim.attempts, conversationId);
    METRICS.connectorSends.inc({ outcome: 'delivered' });
    const { id } = sent.result;
    await this.outcomes.finish(command, { bucket: 'Delivered', conversationId, ...(id ? { activityId: id } : {}), attempts: claim.attempts });
  }

  /** The Bot Connector's answer decides: retried later (429 also slows the tenant), or Failed / Unknown for good. */
  private async fail(command: DeliveryRequested, call: Failed, attempts: number, conversationId: string | undefined): Promise<void> {
    const { failure } = call;
    METRICS.connectorSends.inc({ outcome: failure.kind });
    this.logger.warn({ err: call.error, notificationId: command.data.notificationId, recipient: command.data.recipientKey, failure, attempts }, 'delivery failed');
    if (failure.kind === 'retry' && attempts < MAX_SEND_ATTEMPTS) {
      if (failure.throttled) this.governor.throttled(command.data.target.tenantId, failure.delayMs ?? 1_000);
      return this.outcomes.retry(command, failure.code, attempts, failure.delayMs ?? jittered(1_000 * 2 ** attempts));
    }
    const bucket = failure.kind === 'unknown' ? 'Unknown' : 'Failed';
    await this.outcomes.finish(command, { bucket, code: failure.code, ...(conversationId ? { conversationId } : {}), attempts });
  }
}

type Failed = Extract<ConnectorCall<unknown>, { failure: unknown }>;

/** Exponential backoff with ±20 % jitter, so retries of a broadcast do not arrive together. */
function jittered(delayMs: number): number {
  return Math.round(delayMs * (0.8 + Math.random() * 0.4));
}
