import type { DeliveryRequested, NotificationContent } from '@herald/contracts';
import type { HoldDeliveries } from '../holding/hold-deliveries.js';
import type { NotificationState } from './notification-state.js';
import type { RecipientPreferences } from './recipient-preferences.js';

/** What a delivery must know before it goes: what the person asked for (muted, quiet hours, digests), and the notification's latest state. */
export class DeliveryChecks {
  constructor(
    private readonly recipients: RecipientPreferences,
    private readonly holds: HoldDeliveries,
    private readonly notifications: NotificationState,
  ) {}

  /**
   * `wait`: held in their quiet hours or digested (now, or before: a redelivered command); `muted`
   * (notifications off, topic unsubscribed): Skipped; `go`: send now. A copy of what waits in a
   * digest changes nothing: the digest settles it at its end.
   */
  async personsWish(command: DeliveryRequested): Promise<'muted' | 'wait' | 'go'> {
    if (await this.holds.stillWaiting(command)) return 'wait';
    const preferences = await this.recipients.of(command.data);
    if (preferences.muted) return 'muted';
    return (await this.holds.holdsBack(command, preferences)) ? 'wait' : 'go';
  }

  /** Cancelled, or the content to send now (a PATCH made while the delivery waited counts). */
  async current(delivery: DeliveryRequested['data']): Promise<{ cancelled: true } | { cancelled: false; content: NotificationContent }> {
    const latest = await this.notifications.latest(delivery.notificationId);
    if (latest?.cancelled) return { cancelled: true };
    return { cancelled: false, content: latest?.content ?? delivery.content };
  }
}
