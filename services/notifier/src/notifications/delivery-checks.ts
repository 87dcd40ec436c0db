import type { DeliveryRequested, NotificationContent } from '@herald/contracts';
import type { NotificationState } from './notification-state.js';
import type { RecipientPreferences } from './recipient-preferences.js';

/** What a delivery must know before it goes: whether the person muted it, and the notification's latest state. */
export class DeliveryChecks {
  constructor(
    private readonly preferences: RecipientPreferences,
    private readonly notifications: NotificationState,
  ) {}

  muted(delivery: DeliveryRequested['data']): Promise<'muted' | undefined> {
    return this.preferences.skipReason(delivery);
  }

  /** Cancelled, or the content to send now (a PATCH made while the delivery waited counts). */
  async current(delivery: DeliveryRequested['data']): Promise<{ cancelled: true } | { cancelled: false; content: NotificationContent }> {
    const latest = await this.notifications.latest(delivery.notificationId);
    if (latest?.cancelled) return { cancelled: true };
    return { cancelled: false, content: latest?.content ?? delivery.content };
  }
}
