import { SUBJECTS, type SendActivity } from '@herald/contracts';
import { RetryLaterError, type MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import type { ScheduledMessages } from '../scheduling/scheduled-messages.js';
import { deliveryFailed, deliverySucceeded } from './delivery-events.js';
import type { OutboundSendsStore, SendRecord } from './outbound-sends.store.js';
import { persistOutcome } from './persist-outcome.js';

type Failure = Parameters<typeof deliveryFailed>[1];

/** Where a SendActivity ends, written down: the notifier's record and a DeliverySucceeded / DeliveryFailed event, or a retry scheduled for later. */
export class SendOutcomes {
  constructor(
    private readonly sends: OutboundSendsStore,
    private readonly database: MikroORM,
    private readonly scheduled: ScheduledMessages,
    private readonly bus: MessageBus,
  ) {}

  delivered(command: SendActivity, activityId: string | null, attempts: number): Promise<void> {
    return persistOutcome([
      () => this.sends.record(command.metadata.id, { state: 'delivered', activityId }, new Date()),
      () => this.bus.publish(SUBJECTS.deliverySucceeded, deliverySucceeded(command, activityId, attempts, new Date())),
    ]);
  }

  failed(command: SendActivity, failure: Failure, attempts: number): Promise<void> {
    return persistOutcome([
      () => this.sends.record(command.metadata.id, { state: failure.outcome === 'Unknown' ? 'unknown' : 'failed', code: failure.code }, new Date()),
      () => this.bus.publish(SUBJECTS.deliveryFailed, deliveryFailed(command, failure, attempts, new Date())),
    ]);
  }

  /** A redelivered or rescheduled command that already finished: its outcome published again (de-duplicated by id), nothing sent. */
  async repeat(command: SendActivity, record: SendRecord): Promise<void> {
    const event =
      record.state === 'delivered'
        ? deliverySucceeded(command, record.activityId ?? null, record.attempts, record.updatedAt)
        : deliveryFailed(command, { outcome: record.state === 'unknown' ? 'Unknown' : 'Failed', code: record.code ?? 'Unknown' }, record.attempts, record.updatedAt);
    await this.bus.publish(event.type === 'DeliverySucceeded' ? SUBJECTS.deliverySucceeded : SUBJECTS.deliveryFailed, event);
  }

  /**
   * Found in flight: Unknown, unless its outcome was published before the record could be written
   * (the delivery log has it). While the claim is recent another attempt may still be running: look again later.
   */
  async interrupted(command: SendActivity, record: SendRecord): Promise<void> {
    const heldMs = this.sends.stillHeldFor(record, new Date());
    if (heldMs > 0) throw new RetryLaterError('the send is in flight in another attempt', Math.min(Math.max(heldMs, 1_000), 5_000));
    const rows = await this.database.em.fork().execute<{ outcome: string; code: string | null; activity_id: string | null }[]>('select outcome, code, activity_id from delivery_log where command_id = ?', [command.metadata.id]);
    const logged = rows[0];
    if (logged?.outcome === 'Delivered') return this.delivered(command, logged.activity_id, record.attempts);
    if (logged) return this.failed(command, { outcome: logged.outcome === 'Unknown' ? 'Unknown' : 'Failed', code: logged.code ?? 'Unknown' }, record.attempts);
    return this.failed(command, { outcome: 'Unknown', code: 'InterruptedInFlight' }, record.attempts);
  }

  /** Teams did not act on it: recorded as retrying, sent again in `retryInMs`. */
  async retry(command: SendActivity, code: string, retryInMs: number): Promise<void> {
    await persistOutcome([() => this.sends.record(command.metadata.id, { state: 'retrying', code }, new Date())]);
    await this.later(command, retryInMs);
  }

  /** Not now: published again in `afterMs`, nothing held meanwhile. */
  later(command: SendActivity, afterMs: number): Promise<void> {
    return this.scheduled.later(SUBJECTS.sendActivity, command, afterMs);
  }
}
