import type { FastifyRequest } from 'fastify';
import { AuthError, type ApiTokenVerifier } from '@herald/bot-auth';
import { notificationStatusSchema, recipientPageSchema, SUBJECTS, type Message, type NotificationStatus, type RecipientPage } from '@herald/contracts';
import type { z } from 'zod';
import { subjectToken } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../problem-details.filter.js';
import type { ApiCallers } from './api-callers.js';

/** What every notification endpoint does: know the caller, read a status, store an event. */
export class NotificationApi {
  constructor(
    private readonly callers: ApiCallers,
    private readonly entra: ApiTokenVerifier | undefined,
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  /**
   * The caller's id: `key-…` for an API key, `app-<client id>` for an Entra access token of an
   * app holding the `Notifications.Send` role. 401 / 403 otherwise.
   */
  async caller(request: FastifyRequest): Promise<string> {
    const authorization = request.headers.authorization;
    const byKey = this.callers.identify(authorization);
    if (byKey) return byKey;
    if (this.entra && /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(authorization ?? '')) {
      try {
        return `app-${(await this.entra.verify(authorization)).appId}`;
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        this.logger.warn({ check: error.check, status: error.status }, 'API call refused');
        throw new Problem(error.status, error.message, error.status === 503 ? { 'retry-after': '10' } : { 'www-authenticate': 'Bearer' });
      }
    }
    const problem = this.callers.configured || this.entra ? 'missing or unknown API key or access token' : 'no API keys are configured (HERALD_API_KEYS)';
    throw new Problem(401, problem, { 'www-authenticate': 'Bearer' });
  }

  /** The notification's live status from the notifier; 404 when it is not this caller's, 503 when the notifier does not answer. */
  status(id: string, caller: string): Promise<NotificationStatus> {
    return this.ask(SUBJECTS.notificationStatusRequest, 'NotificationStatusRequested', { id, caller }, notificationStatusSchema, 3_000);
  }

  /** A page of the notification's recipients with their buckets and histories; 404 / 503 as `status`. */
  recipients(query: { id: string; caller: string; bucket?: string; after?: string; limit?: number }): Promise<RecipientPage> {
    return this.ask(SUBJECTS.notificationRecipientsRequest, 'NotificationRecipientsRequested', query, recipientPageSchema, 5_000);
  }

  /** Asks the notifier (request/reply) about one of the caller's notifications: null means "not this caller's" (404). */
  private async ask<T>(subject: string, type: string, query: { id: string; caller: string }, answerSchema: z.ZodType<T>, timeoutMs: number): Promise<T> {
    let answer: unknown;
    try {
      const metadata = { id: query.id, occurredAt: new Date().toISOString(), correlationId: query.id, causationId: null };
      answer = await this.bus.request(subject, { type, data: query, metadata }, timeoutMs);
    } catch (error) {
      this.logger.warn({ err: error, notificationId: query.id, type }, 'the notifier did not answer');
      throw new Problem(503, 'notification status is unavailable; retry later', { 'retry-after': '5' });
    }
    const found = answerSchema.nullable().parse(answer);
    if (found === null) throw new Problem(404, `no notification ${query.id} of this caller`);
    return found;
  }

  /**
   * Stores an event of the notification (its own subject) before the API answers; `first`: only
   * if the subject is empty — a repeat of the same id is then recognised, not stored twice.
   * Resolves false when the notification already existed.
   */
  async append(id: string, event: Message<string, unknown>, options: { first?: boolean } = {}): Promise<boolean> {
    try {
      const ack = await this.bus.publish(SUBJECTS.notification(subjectToken(id)), event, { msgID: event.metadata.id, ...(options.first ? { expectLastSubjectSequence: 0 } : {}) });
      return !ack.duplicate;
    } catch (error) {
      if (options.first && /wrong last sequence/i.test(String((error as Error)?.message ?? ''))) return false;
      this.logger.error({ err: error, notificationId: id, type: event.type }, 'could not store notification event');
      throw new Problem(503, 'the message bus is unavailable; retry later', { 'retry-after': '5' });
    }
  }
}
