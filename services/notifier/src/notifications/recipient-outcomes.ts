import { SUBJECTS, type DeliveryRequested, type RecipientSettled } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { METRICS } from '@herald/health';
import { RetryLaterError, type MessageBus } from '@herald/messaging';
import type { ScheduledMessages } from '../scheduling/scheduled-messages.js';
import { persistOutcome } from '../send-activity/persist-outcome.js';
import type { OutboundSendsStore, SendRecord } from '../send-activity/outbound-sends.store.js';
import { partitionOf, recipientRetrying, recipientSettled } from './notification-messages.js';
import type { NotificationState } from './notification-state.js';

export type Outcome = Omit<RecipientSettled['data'], 'notificationId' | 'recipientKey'>;

/**
 * Where a delivery ends, written down: the notifier's own record (Postgres, what a redelivery
 * reads) and the RecipientSettled event (what the app is told), or a retry scheduled for later.
 */
export class RecipientOutcomes {
  constructor(
    private readonly sends: OutboundSendsStore,
    private readonly notifications: NotificationState,
    private readonly scheduled: ScheduledMessages,
    private readonly bus: MessageBus,
  ) {}

  /** Settled without a call (muted, not installed): the event alone, de-duplicated by its id. */
  async settle(command: DeliveryRequested, outcome: Outcome): Promise<void> {
    METRICS.recipientsSettled.inc({ bucket: outcome.bucket });
    await this.bus.publish(SUBJECTS.notificationSettled(subjectToken(command.data.notificationId)), recipientSettled(command, command.data.recipientKey, outcome));
  }

  /** A final outcome: recorded, then published, each retried through a short outage. */
  async finish(command: DeliveryRequested, outcome: Outcome): Promise<void> {
    // A skipped send is kept as `failed` with code `cancelled`; outcomeOf() reads it back as Skipped.
    const state = outcome.bucket === 'Delivered' ? 'delivered' : outcome.bucket === 'Unknown' ? 'unknown' : 'failed';
    const change = { state, code: outcome.code ?? null, ...(outcome.activityId ? { activityId: outcome.activityId } : {}), ...(outcome.conversationId ? { conversationId: outcome.conversationId } : {}) } as const;
    await persistOutcome([() => this.sends.record(command.metadata.id, change, new Date()), () => this.settle(command, outcome)]);
  }

  /** Already finished before (a redelivered or rescheduled command): its outcome published again, nothing sent. */
  repeat(command: DeliveryRequested, record: SendRecord): Promise<void> {
    return this.settle(command, outcomeOf(record));
  }

  /**
   * Found in flight: an earlier attempt stopped after its call left, its outcome unknown — unless
   * its RecipientSettled was published before the record could be written (then that stands).
   * While the claim is recent another attempt may still be running: look again later.
   */
  async interrupted(command: DeliveryRequested, record: SendRecord): Promise<void> {
    const heldMs = this.sends.stillHeldFor(record, new Date());
    if (heldMs > 0) throw new RetryLaterError('the send is in flight in another attempt', Math.min(Math.max(heldMs, 1_000), 5_000));
    const settled = await this.notifications.settledOutcome(command.data.notificationId, command.data.recipientKey);
    await this.finish(command, settled ?? { bucket: 'Unknown', code: 'InterruptedInFlight', attempts: record.attempts });
  }

  /** Teams did not act on it (or it can be repeated safely): recorded as retrying, tried again in `retryInMs`. */
  async retry(command: DeliveryRequested, code: string, attempts: number, retryInMs: number): Promise<void> {
    const token = subjectToken(command.data.notificationId);
    await persistOutcome([
      () => this.sends.record(command.metadata.id, { state: 'retrying', code }, new Date()),
      () => this.bus.publish(SUBJECTS.notificationSettled(token), recipientRetrying(command, code, attempts, retryInMs)),
    ]);
    await this.later(command, retryInMs);
  }

  /** Not now (a rate window, a busy tenant, a retry): published again in `afterMs`, nothing held meanwhile. */
  later(command: DeliveryRequested, afterMs: number): Promise<void> {
    return this.scheduled.later(SUBJECTS.deliveryRequest(partitionOf(command.data.recipientKey)), command, afterMs);
  }
}

export function outcomeOf(record: SendRecord): Outcome {
  if (record.state === 'delivered') return { bucket: 'Delivered', conversationId: record.conversationId, ...(record.activityId ? { activityId: record.activityId } : {}), attempts: record.attempts };
  if (record.state === 'failed' && record.code === 'cancelled') return { bucket: 'Skipped', code: 'cancelled', attempts: record.attempts };
  return { bucket: record.state === 'unknown' ? 'Unknown' : 'Failed', code: record.code ?? 'Unknown', attempts: record.attempts };
}
