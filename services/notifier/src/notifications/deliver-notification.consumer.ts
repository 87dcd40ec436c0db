import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ConnectorClient } from '@herald/connector-client';
import { CONSUMERS, deliveryRequestedSchema, SUBJECTS, type DeliveryRequested, type RecipientSettled } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { JetStreamContext, JetStreamEventPattern, MessageBus, RetryLaterError } from '@herald/messaging';
import { METRICS } from '@herald/health';
import { LOGGER, type Logger } from '@herald/telemetry';
import { classifyFailure } from '../send-activity/delivery-outcome.js';
import { OutboundSendsStore, type SendRecord } from '../send-activity/outbound-sends.store.js';
import { MAX_SEND_ATTEMPTS } from '../send-activity/send-activity.consumer.js';
import { recipientRetrying, recipientSettled } from './notification-messages.js';
import { activityOf } from './notification-activity.js';
import { SendGovernor } from '../rate-governor/send-governor.js';
import { NotificationState } from './notification-state.js';
import { RecipientPreferences } from './recipient-preferences.js';

type Outcome = Omit<RecipientSettled['data'], 'notificationId' | 'recipientKey'>;

/**
 * DeliveryRequested → skipped when the person muted it or the notification was cancelled → (a personal chat created first when there is none) → one Bot Connector
 * POST of the notification's latest content, never repeated when its outcome is unknown →
 * RecipientSettled in exactly one bucket.
 */
@Controller()
export class DeliverNotificationConsumer {
  constructor(
    @Inject(OutboundSendsStore) private readonly sends: OutboundSendsStore,
    @Inject(ConnectorClient) private readonly connector: ConnectorClient,
    @Inject(SendGovernor) private readonly governor: SendGovernor,
    @Inject(NotificationState) private readonly notifications: NotificationState,
    @Inject(RecipientPreferences) private readonly preferences: RecipientPreferences,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.deliveryRequests, { durable: CONSUMERS.notifierDeliver })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const command = deliveryRequestedSchema.parse(payload);
    const { target } = command.data;
    const skip = await this.preferences.skipReason(command.data);
    if (skip) return this.settle(command, { bucket: 'Skipped', code: skip, attempts: 0 });
    const claim = await this.sends.claim(command.metadata.id, target.conversationId ?? command.data.recipientKey, new Date());
    if (claim.kind === 'finished') return this.settle(command, outcomeOf(claim.record));
    if (claim.kind === 'interrupted') return this.finish(command, { bucket: 'Unknown', code: 'InterruptedInFlight', attempts: claim.record.attempts });
    let conversationId = target.conversationId;
    try {
      conversationId ??= await this.createPersonalChat(target);
      await this.governor.beforeSend({ conversationId, tenantId: target.tenantId }, 'broadcast');
      // Looked up once the slot is ours: a cancel or a PATCH made while this send waited still counts.
      const latest = await this.notifications.latest(command.data.notificationId);
      if (latest?.cancelled) return this.finish(command, { bucket: 'Skipped', code: 'cancelled', attempts: claim.attempts });
      const content = latest?.content ?? command.data.content;
      const { id } = await this.connector.sendToConversation(target.serviceUrl, conversationId, activityOf(content));
      await this.sends.record(command.metadata.id, { state: 'delivered', activityId: id ?? null }, new Date());
      METRICS.connectorSends.inc({ outcome: 'delivered' });
      await this.settle(command, { bucket: 'Delivered', conversationId, ...(id ? { activityId: id } : {}), attempts: claim.attempts });
    } catch (error) {
      const failure = classifyFailure(error);
      METRICS.connectorSends.inc({ outcome: failure.kind });
      this.logger.warn({ err: error, notificationId: command.data.notificationId, recipient: command.data.recipientKey, failure, attempts: claim.attempts, seq: context.streamSequence }, 'delivery failed');
      if (failure.kind === 'retry' && claim.attempts < MAX_SEND_ATTEMPTS) {
        await this.sends.record(command.metadata.id, { state: 'retrying', code: failure.code }, new Date());
        const retryInMs = failure.delayMs ?? jittered(1_000 * 2 ** claim.attempts);
        await this.bus.publish(SUBJECTS.notificationSettled(subjectToken(command.data.notificationId)), recipientRetrying(command, failure.code, claim.attempts, retryInMs));
        throw new RetryLaterError(`delivery failed: ${failure.code}`, retryInMs, { cause: error });
      }
      const bucket = failure.kind === 'unknown' ? 'Unknown' : 'Failed';
      await this.finish(command, { bucket, code: failure.code, ...(conversationId ? { conversationId } : {}), attempts: claim.attempts });
    }
  }

  private async createPersonalChat(target: DeliveryRequested['data']['target']): Promise<string> {
    await this.governor.beforeSend({ tenantId: target.tenantId }, 'broadcast');
    const created = await this.connector.createConversation(target.serviceUrl, { botId: target.botId ?? '', userId: target.createWithUserId ?? '', tenantId: target.tenantId ?? '' });
    if (!created.id) throw new Error('createConversation answered without an id');
    return created.id;
  }

  private async finish(command: DeliveryRequested, outcome: Outcome): Promise<void> {
    // A skipped send is kept as `failed` with code `cancelled`; outcomeOf() reads it back as Skipped.
    await this.sends.record(command.metadata.id, { state: outcome.bucket === 'Unknown' ? 'unknown' : 'failed', code: outcome.code ?? null }, new Date());
    await this.settle(command, outcome);
  }

  /** Published again for a redelivered command: de-duplicated by its id, counted once by the projection. */
  private async settle(command: DeliveryRequested, outcome: Outcome): Promise<void> {
    METRICS.recipientsSettled.inc({ bucket: outcome.bucket });
    await this.bus.publish(SUBJECTS.notificationSettled(subjectToken(command.data.notificationId)), recipientSettled(command, command.data.recipientKey, outcome));
  }
}

function outcomeOf(record: SendRecord): Outcome {
  if (record.state === 'delivered') return { bucket: 'Delivered', conversationId: record.conversationId, ...(record.activityId ? { activityId: record.activityId } : {}), attempts: record.attempts };
  if (record.state === 'failed' && record.code === 'cancelled') return { bucket: 'Skipped', code: 'cancelled', attempts: record.attempts };
  return { bucket: record.state === 'unknown' ? 'Unknown' : 'Failed', code: record.code ?? 'Unknown', attempts: record.attempts };
}

/** Exponential backoff with ±20 % jitter, so retries of a broadcast do not arrive together. */
function jittered(delayMs: number): number {
  return Math.round(delayMs * (0.8 + Math.random() * 0.4));
}
