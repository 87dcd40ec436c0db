import { deriveId, metadataFor, SUBJECTS, type DeliveryRequested, type RecipientHeld, type SendDigest } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import { partitionOf } from '../notifications/notification-messages.js';
import type { Clock } from '../scheduling/clock.js';
import type { ScheduledMessages } from '../scheduling/scheduled-messages.js';
import { timingOf, type DeliveryPreferences } from './delivery-timing.js';
import type { Held, HeldDeliveries } from './held-deliveries.js';
import { digestPeriodEnd } from './local-time.js';

/**
 * The step of a delivery that obeys the person's clock: in their quiet hours it is held, and comes
 * back (the scheduler publishes it again) when they end; on a topic they get as a digest it joins
 * the digest, whose one card goes out at the end of the period. Either way the notification's
 * status says so (RecipientHeld). A redelivered command changes nothing: what it waits for is
 * recorded, and only scheduled and announced again (both idempotent).
 */
export class HoldDeliveries {
  constructor(
    private readonly held: HeldDeliveries,
    private readonly scheduled: ScheduledMessages,
    private readonly bus: MessageBus,
    private readonly clock: Clock,
  ) {}

  /**
   * True when the delivery was held or digested before and still waits (a redelivered command):
   * its comeback and status are only asserted again. Quiet hours that ended let it go on.
   */
  async stillWaiting(command: DeliveryRequested): Promise<boolean> {
    const earlier = await this.held.find(command.metadata.id);
    if (!earlier || (earlier.reason === 'quietHours' && earlier.until <= this.clock.now())) return false;
    if (!earlier.settled) await this.announce(command, earlier);
    return true;
  }

  /** True when the delivery is not to be sent now: it is held until the person's quiet hours end, or joins their digest. */
  async holdsBack(command: DeliveryRequested, preferences: DeliveryPreferences): Promise<boolean> {
    const now = this.clock.now();
    const timing = timingOf(preferences, command.data.critical ?? false, now);
    if (timing.kind === 'now') return false;
    const zone = preferences.timeZone ?? 'UTC';
    const person = command.data.person?.aadObjectId ?? command.data.person?.userId ?? command.data.recipientKey;
    const held =
      timing.kind === 'quietHours'
        ? await this.held.holdUntil(command, timing.until, now)
        : await this.held.joinDigest(command, { key: person, mode: timing.mode }, timing.until, (after) => digestPeriodEnd(after, zone, timing.mode), now);
    await this.announce(command, held);
    return true;
  }

  /** Its comeback (or its digest's card) scheduled, and the wait told in the notification's status. */
  private async announce(command: DeliveryRequested, held: Held): Promise<void> {
    if (held.reason === 'quietHours') {
      const subject = SUBJECTS.deliveryRequest(partitionOf(command.data.recipientKey));
      await this.scheduled.schedule({ id: `held:${command.metadata.id}@${held.until.getTime()}`, subject, message: command, dueAt: held.until });
    } else {
      await this.scheduled.schedule({ id: `digest:${held.digestKey}`, subject: SUBJECTS.sendDigest, message: sendDigest(held.digestKey, held.until, command), dueAt: held.until });
    }
    await this.bus.publish(SUBJECTS.notificationSettled(subjectToken(command.data.notificationId)), recipientHeld(command, held));
  }
}

function recipientHeld(command: DeliveryRequested, held: Held): RecipientHeld {
  const { notificationId, recipientKey } = command.data;
  const until = held.until.toISOString();
  const data = { notificationId, recipientKey, until, ...(held.reason === 'quietHours' ? { bucket: 'Held' as const, code: 'quietHours' as const } : { bucket: 'Digested' as const, code: held.mode }) };
  const metadata = metadataFor({ id: deriveId('RecipientHeld', notificationId, recipientKey, until), cause: command.metadata, occurredAt: new Date(), traceparent: command.metadata.traceparent });
  return { type: 'RecipientHeld', data, metadata };
}

/** The command that sends a digest's card, once per digest (and once more per later time it is put off to). */
export function sendDigest(digestKey: string, dueAt: Date, cause: { metadata: DeliveryRequested['metadata'] }): SendDigest {
  return { type: 'SendDigest', data: { digestKey }, metadata: metadataFor({ id: deriveId('SendDigest', digestKey, dueAt.toISOString()), cause: cause.metadata, occurredAt: dueAt }) };
}
