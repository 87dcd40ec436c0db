import { metadataFor, notificationEngagementSchema, notificationStatusSchema, recipientPageSchema, SUBJECTS, type NotificationEngagement, type NotificationStatus, type RecipientPage } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import type { z } from 'zod';
import { Problem } from '../../problem-details.filter.js';
import { CONSOLE_CALLER } from '../messages/send-message/console-notifications.js';

const ASK_TIMEOUT_MS = 5_000;

export type RecipientQuery = { bucket?: string; after?: string; limit?: number };

/** What the console's status views read of a message's notification: its live status, engagement and recipients (the notifier, request/reply). */
export class MessageStatusClient {
  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  /** Its notification's live status; null before the notifier knows it. */
  status(notificationId: string): Promise<NotificationStatus | null> {
    return this.ask(SUBJECTS.notificationStatusRequest, 'NotificationStatusRequested', { id: notificationId, caller: CONSOLE_CALLER }, notificationStatusSchema.nullable());
  }

  engagement(notificationId: string): Promise<NotificationEngagement> {
    return this.ask(SUBJECTS.notificationEngagementRequest, 'NotificationEngagementRequested', { notificationId }, notificationEngagementSchema);
  }

  /** A page of its recipients (by recipient key), with their outcome and reason. */
  async recipients(notificationId: string, query: RecipientQuery): Promise<RecipientPage> {
    const page = await this.ask(SUBJECTS.notificationRecipientsRequest, 'NotificationRecipientsRequested', { id: notificationId, caller: CONSOLE_CALLER, ...query }, recipientPageSchema.nullable());
    return page ?? { recipients: [], next: null };
  }

  private async ask<T>(subject: string, type: string, data: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    let answer: unknown;
    try {
      answer = await this.bus.request(subject, { type, data, metadata: metadataFor({ occurredAt: new Date() }) }, ASK_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ err: error, type }, 'the notifier did not answer');
      throw new Problem(503, 'message status is unavailable; retry later', { 'retry-after': '5' });
    }
    return schema.parse(answer);
  }
}
