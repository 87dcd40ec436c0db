import { Inject, Injectable } from '@nestjs/common';
import { deriveId, metadataFor, type ConsoleSend, type NotificationStatus } from '@herald/contracts';
import { METRICS } from '@herald/health';
import { currentTraceparent } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { Problem } from '../../../problem-details.filter.js';
import { CardBinder } from '../../../notifications/card-binding/card-binder.js';
import { requestDigest } from '../../../notifications/idempotency.js';
import { NotificationApi } from '../../../notifications/notification-api.js';
import { notificationRequested } from '../../../notifications/notification-requested.js';
import { consoleNotificationId, type ConsoleMessage } from '../console-message.js';
import { consoleNotificationRequest } from './console-notification.js';

/** The notification API's caller for every console message: their notifications are `console`'s. */
export const CONSOLE_CALLER = 'console';

/**
 * Console messages as notifications of the notification API (`console-<messageId>`, caller
 * `console`): requested the way `POST /api/v1/notifications` requests one, read and cancelled
 * the way its other endpoints do.
 */
@Injectable()
export class ConsoleNotifications {
  constructor(
    @Inject(NotificationApi) private readonly api: NotificationApi,
    @Inject(CardBinder) private readonly cards: CardBinder,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Checks the message's draft for sending (422 naming each problem) without requesting anything. */
  async check(message: ConsoleMessage, send: ConsoleSend, now: Date): Promise<void> {
    await consoleNotificationRequest(message.draft!, send, { notificationId: consoleNotificationId(message.id!), tenantId: message.author!.tenantId, now }, this.cards);
  }

  /**
   * Stores the message's NotificationRequested (once: the id derives from the message, so a
   * retried send finds it stored and requests nothing twice); its notification id.
   */
  async request(message: ConsoleMessage, send: ConsoleSend, now: Date): Promise<string> {
    const id = consoleNotificationId(message.id!);
    const { request, content } = await consoleNotificationRequest(message.draft!, send, { notificationId: id, tenantId: message.author!.tenantId, now }, this.cards);
    const stored = await this.api.append(id, notificationRequested(id, CONSOLE_CALLER, request, content, now, requestDigest(request)), { first: true });
    this.logger.info({ notificationId: id, messageId: message.id, caller: CONSOLE_CALLER, recipients: request.recipients.length, repeated: !stored }, 'console message: notification requested');
    if (stored) METRICS.notificationsAccepted.inc();
    return id;
  }

  /** Stops the deliveries not yet made (once: a repeat is recognised). */
  async cancel(notificationId: string, now: Date): Promise<void> {
    const event = { type: 'NotificationCancelled' as const, data: { notificationId, caller: CONSOLE_CALLER, cancelledAt: now.toISOString() }, metadata: metadataFor({ id: deriveId('NotificationCancelled', notificationId), occurredAt: now, traceparent: currentTraceparent() }) };
    await this.api.append(notificationId, event);
    this.logger.info({ notificationId, caller: CONSOLE_CALLER }, 'console message: notification cancelled');
  }

  /** The notification's live status; null while the notifier has not seen it yet (or does not answer). */
  async status(notificationId: string): Promise<NotificationStatus | null> {
    try {
      return await this.api.status(notificationId, CONSOLE_CALLER);
    } catch (error) {
      if (error instanceof Problem && [404, 503].includes(error.getStatus())) return null;
      throw error;
    }
  }
}
