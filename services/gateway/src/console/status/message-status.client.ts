import { metadataFor, notificationEngagementSchema, notificationStatusSchema, recipientPageSchema, SUBJECTS, type ConsoleAuthor, type NotificationEngagement, type NotificationStatus, type RecipientPage } from '@herald/contracts';
import { EventStore, subjectToken } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import type { z } from 'zod';
import { Problem } from '../../problem-details.filter.js';
import { followedMessage, parseConsoleMessageEvent, type FollowedMessage } from './followed-message.js';

/** A console message's notification is the notification API's, requested as this caller. */
export const CONSOLE_CALLER = 'console';
const ASK_TIMEOUT_MS = 5_000;

export type RecipientQuery = { bucket?: string; after?: string; limit?: number };

/**
 * What the console's status views read: the message (its events on the CONSOLE stream), and its
 * notification's live status, engagement and recipients (the notifier, request/reply).
 */
export class MessageStatusClient {
  private readonly events: EventStore;

  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {
    this.events = new EventStore(bus);
  }

  /** The author's tenant's message `id`: 404 when there is none there, 503 when the bus does not answer. */
  async message(author: ConsoleAuthor, id: string): Promise<FollowedMessage> {
    if (id.length > 100) throw new Problem(404, `no message ${id}`);
    let message: FollowedMessage | undefined;
    try {
      const { events } = await this.events.read(SUBJECTS.consoleMessage(subjectToken(id)), parseConsoleMessageEvent);
      message = followedMessage(id, events.map((stored) => stored.event));
    } catch (error) {
      this.logger.warn({ err: error, messageId: id }, 'could not read the console message');
      throw new Problem(503, 'the message bus is unavailable; retry later', { 'retry-after': '5' });
    }
    if (!message || message.tenantId !== author.tenantId) throw new Problem(404, `no message ${id}`);
    return message;
  }

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
