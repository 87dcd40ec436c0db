import { setTimeout } from 'node:timers/promises';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ConnectorClient, ConnectorError } from '@herald/connector-client';
import { CONSUMERS, deliveryRequestedSchema, SUBJECTS, type DeliveryRequested, type PersonalChatAnswer } from '@herald/contracts';
import { METRICS } from '@herald/health';
import { JetStreamEventPattern } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { callConnector, type ConnectorCall } from '../send-activity/call-connector.js';
import { OutboundSendsStore } from '../send-activity/outbound-sends.store.js';
import { MAX_SEND_ATTEMPTS } from '../send-activity/send-activity.consumer.js';
import { SendGovernor } from '../rate-governor/send-governor.js';
import { GraphSyncRequests, GraphSyncUnavailableError } from '../directory/graph-sync-requests.js';
import { activityOf } from './notification-activity.js';
import { DeliveryChecks } from './delivery-checks.js';
import { RecipientOutcomes } from './recipient-outcomes.js';

/**
 * DeliveryRequested → skipped when the person muted it or the notification was cancelled → held
 * in their quiet hours, or digested, unless critical (see HoldDeliveries) → (a personal chat
 * created first when there is none, or the app installed for the person through graph-sync) →
 * one Bot Connector POST of the notification's
 * latest content, never repeated when its outcome is unknown → RecipientSettled in exactly one
 * bucket. Only the Bot Connector's answer decides the bucket: a failure of Herald's own (NATS,
 * Postgres) throws, and the message comes back later. Waits for Teams' limits are short; a longer
 * one reschedules the command instead of holding it. A personal chat Teams refuses (403
 * BotNotInConversationRoster, 404 ConversationNotFound) is repaired through graph-sync once.
 */
@Controller()
export class DeliverNotificationConsumer {
  constructor(
    @Inject(OutboundSendsStore) private readonly sends: OutboundSendsStore,
    @Inject(ConnectorClient) private readonly connector: ConnectorClient,
    @Inject(SendGovernor) private readonly governor: SendGovernor,
    @Inject(DeliveryChecks) private readonly checks: DeliveryChecks,
    @Inject(RecipientOutcomes) private readonly outcomes: RecipientOutcomes,
    @Inject(GraphSyncRequests) private readonly graphSync: GraphSyncRequests,
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
    const chat = await this.chatOf(command);
    if (chat) await this.send(command, chat);
  }

  /** Where the copy goes: the known chat, a chat graph-sync installs the app for, or one createConversation opens. */
  private async chatOf(command: DeliveryRequested): Promise<Chat | undefined> {
    const { conversationId, serviceUrl, installForAadObjectId } = command.data.target;
    if (conversationId && serviceUrl) return { conversationId, serviceUrl };
    if (installForAadObjectId) return this.installedChat(command, installForAadObjectId);
    return this.createPersonalChat(command);
  }

  /**
   * A person of the directory Herald has no chat with: graph-sync installs the app for them
   * (within Graph's install limits) and answers the chat. Not waiting for a conversationUpdate:
   * it may never come. Waits and graph-sync's own outages reschedule; a refusal settles NotInstalled.
   */
  private async installedChat(command: DeliveryRequested, aadObjectId: string): Promise<Chat | undefined> {
    const answer = await this.askUntilSlot(command, aadObjectId, false);
    if (answer.status === 'ready') return { conversationId: answer.conversationId, serviceUrl: answer.serviceUrl, installed: answer.installed };
    if (answer.status === 'failed') return void (await this.outcomes.settle(command, { bucket: 'NotInstalled', code: answer.code, attempts: 0 }));
    return void (await this.outcomes.later(command, answer.retryInMs));
  }

  /** A person Herald has no chat with yet: createConversation (idempotent: Teams answers the existing chat). */
  private async createPersonalChat(command: DeliveryRequested): Promise<Chat | undefined> {
    const { target } = command.data;
    if (!target.serviceUrl) return void (await this.outcomes.settle(command, { bucket: 'NotInstalled', code: 'NoConversation', attempts: 0 }));
    const { serviceUrl } = target;
    const clearance = await this.governor.clear({ tenantId: target.tenantId }, 'broadcast');
    if (!clearance.go) return void (await this.outcomes.later(command, clearance.retryInMs));
    const created = await callConnector(async () => {
      const { id } = await this.connector.createConversation(serviceUrl, { botId: target.botId ?? '', userId: target.createWithUserId ?? '', tenantId: target.tenantId ?? '' });
      if (!id) throw new ConnectorError('createConversation answered without an id', undefined, 'NoConversationId', undefined, true);
      return id;
    });
    if ('result' in created) return { conversationId: created.result, serviceUrl };
    const attempts = await this.sends.countRetry(command.metadata.id, command.data.recipientKey, created.failure.code, new Date());
    return void (await this.fail(command, created, attempts, undefined));
  }

  /** `repaired`: this is the one retry after the chat was refused and graph-sync answered it again. */
  private async send(command: DeliveryRequested, chat: Chat, repaired?: { installed: boolean }): Promise<void> {
    const { conversationId, serviceUrl } = chat;
    const clearance = await this.governor.clear({ conversationId, tenantId: command.data.target.tenantId }, 'broadcast');
    if (!clearance.go) return this.outcomes.later(command, clearance.retryInMs);
    // Looked up once the slot is ours: a cancel or a PATCH made while this send waited still counts.
    const current = await this.checks.current(command.data);
    if (current.cancelled) return this.outcomes.finish(command, { bucket: 'Skipped', code: 'cancelled', attempts: 0 });
    const claim = await this.sends.claim(command.metadata.id, conversationId, new Date());
    if (claim.kind === 'interrupted') return this.outcomes.interrupted(command, claim.record);
    if (claim.kind === 'finished') return this.outcomes.repeat(command, claim.record);
    const sent = await callConnector(() => this.connector.sendToConversation(serviceUrl, conversationId, activityOf(current.content)));
    if ('failure' in sent) {
      if (!repaired && isRefusedChat(sent.failure.code)) return this.repair(command, sent, claim.attempts, chat);
      return this.fail(command, sent, claim.attempts, conversationId);
    }
    METRICS.connectorSends.inc({ outcome: 'delivered' });
    const { id } = sent.result;
    const code = repaired ? (repaired.installed ? 'Reinstalled' : 'Repaired') : chat.installed ? 'Installed' : undefined;
    await this.outcomes.finish(command, { bucket: 'Delivered', conversationId, ...(code ? { code } : {}), ...(id ? { activityId: id } : {}), attempts: claim.attempts });
  }

  /**
   * Teams refused the person's chat (the app was removed, the chat is gone): graph-sync checks
   * the install, reinstalls when missing and answers the chat; the copy is sent there once more.
   * Only once: a second refusal is final, and a person graph-sync cannot reach keeps the refusal.
   */
  private async repair(command: DeliveryRequested, refused: Failed, attempts: number, chat: Chat): Promise<void> {
    const aadObjectId = command.data.person?.aadObjectId ?? command.data.target.installForAadObjectId;
    const { tenantId } = command.data.target;
    const answer = aadObjectId && tenantId ? await this.askUntilSlot(command, aadObjectId, true) : undefined;
    // Graph's install window is full or Graph is busy: the same send and repair again later, within the attempts.
    // graph-sync itself not answering is no reason to knock on a refused chat again: the refusal stands.
    if (answer?.status === 'wait' && answer.code !== GRAPH_SYNC_UNAVAILABLE && attempts < MAX_SEND_ATTEMPTS) return this.outcomes.retry(command, refused.failure.code, attempts, answer.retryInMs);
    if (answer?.status !== 'ready') return this.fail(command, refused, attempts, chat.conversationId);
    this.logger.info({ notificationId: command.data.notificationId, recipient: command.data.recipientKey, code: refused.failure.code, installed: answer.installed }, 'refused chat repaired');
    await this.sends.record(command.metadata.id, { state: 'retrying', code: refused.failure.code, conversationId: answer.conversationId }, new Date());
    await this.send(command, { conversationId: answer.conversationId, serviceUrl: answer.serviceUrl }, { installed: answer.installed });
  }

  /**
   * A full install window frees within a second: waiting here (a while, jittered) keeps this
   * replica's deliveries as the back-pressure on installs, instead of every waiting person
   * bouncing through the scheduler each second. Longer waits are rescheduled.
   */
  private async askUntilSlot(command: DeliveryRequested, aadObjectId: string, repair: boolean): Promise<PersonalChatAnswer> {
    const giveUpAt = Date.now() + SLOT_WAIT_MS;
    for (;;) {
      const answer = await this.askGraphSync(command, aadObjectId, repair);
      if (answer.status !== 'wait' || answer.retryInMs > SHORT_WAIT_MS || Date.now() + answer.retryInMs > giveUpAt) return answer;
      await setTimeout(Math.round(answer.retryInMs * (1 + Math.random() / 2)) + 10);
    }
  }

  /** graph-sync's answer; its own outage (not running, timed out) is a wait like any other. */
  private async askGraphSync(command: DeliveryRequested, aadObjectId: string, repair: boolean): Promise<PersonalChatAnswer> {
    try {
      return await this.graphSync.personalChat(command.data.target.tenantId ?? '', aadObjectId, repair, command.metadata);
    } catch (error) {
      if (!(error instanceof GraphSyncUnavailableError)) throw error;
      this.logger.warn({ err: error, notificationId: command.data.notificationId, recipient: command.data.recipientKey }, 'graph-sync unavailable for a personal chat');
      return { status: 'wait', retryInMs: GRAPH_SYNC_RETRY_MS, code: GRAPH_SYNC_UNAVAILABLE };
    }
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

/** A personal or other chat to send to; `installed`: graph-sync installed the app for this copy. */
type Chat = { conversationId: string; serviceUrl: string; installed?: boolean };

const GRAPH_SYNC_RETRY_MS = 5_000;
const GRAPH_SYNC_UNAVAILABLE = 'GraphSyncUnavailable';
/** How long a delivery waits in place for an install slot, and the longest single wait it waits out. */
const SLOT_WAIT_MS = 12_000;
const SHORT_WAIT_MS = 2_000;

/** Teams' answers for a chat the bot is no longer in, or that is gone: a reinstall may bring it back. */
const isRefusedChat = (code: string): boolean => code === 'BotNotInConversationRoster' || code === 'ConversationNotFound';

/** Exponential backoff with ±20 % jitter, so retries of a broadcast do not arrive together. */
function jittered(delayMs: number): number {
  return Math.round(delayMs * (0.8 + Math.random() * 0.4));
}
