import type { FastifyRequest } from 'fastify';
import type { ApiScope } from '@herald/config';
import { notificationRequestedSchema, notificationStatusSchema, recipientPageSchema, SUBJECTS, type Message, type NotificationRequested, type NotificationStatus, type RecipientPage } from '@herald/contracts';
import type { z } from 'zod';
import { EventStore, subjectToken } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../problem-details.filter.js';
import type { ApiCallers } from './api-callers.js';
import { mayDo, type ApiPrincipal } from './api-principal.js';
import type { ApiRateLimiter } from './api-rate-limiter.js';

/**
 * Every notification id is UUID-shaped (`notificationIdFor`), or `console-<UUID>` for a console
 * message's (caller `console`): any other names none, and never reaches the notifier's queries.
 */
const NOTIFICATION_ID = /^(console-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What every notification endpoint does: know the caller and what it may do, read a status, store an event. */
export class NotificationApi {
  private readonly events: EventStore;

  constructor(
    private readonly callers: ApiCallers,
    private readonly limiter: ApiRateLimiter,
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    readonly policy: { devMode: boolean },
  ) {
    this.events = new EventStore(bus);
  }

  /** The caller, allowed `scope` and within its rate limit: 401, 403 (scope) or 429 (with Retry-After) otherwise. */
  async caller(request: FastifyRequest, scope: ApiScope): Promise<ApiPrincipal> {
    const principal = await this.callers.identify(request);
    if (!mayDo(principal, scope)) throw new Problem(403, `this caller lacks the ${scope} scope`);
    const admission = await this.limiter.admit(principal.id, principal.rate);
    if (!admission.allowed) {
      this.logger.info({ caller: principal.id }, 'API call over its rate limit');
      throw new Problem(429, `over this caller's rate limit; retry in ${admission.retryAfterSeconds} s`, { 'retry-after': String(admission.retryAfterSeconds) });
    }
    return principal;
  }

  /** Whose notification `id` is, as far as `principal` may know: its own id, or for `admin` the real owner (404 when there is none). */
  async ownerOf(id: string, principal: ApiPrincipal): Promise<string> {
    if (!NOTIFICATION_ID.test(id)) throw new Problem(404, 'no such notification');
    if (!principal.scopes.includes('admin')) return principal.id;
    const requested = await this.requested(id);
    if (!requested) throw new Problem(404, `no notification ${id}`);
    return requested.data.caller;
  }

  /** The notification's NotificationRequested event (the first on its subject), if it exists. */
  async requested(id: string): Promise<NotificationRequested | undefined> {
    try {
      const { events } = await this.events.read(SUBJECTS.notification(subjectToken(id)), (raw) => raw as { type: string });
      const first = events[0]?.event;
      return first?.type === 'NotificationRequested' ? notificationRequestedSchema.parse(first) : undefined;
    } catch (error) {
      this.logger.warn({ err: error, notificationId: id }, 'could not read the notification');
      throw new Problem(503, 'the message bus is unavailable; retry later', { 'retry-after': '5' });
    }
  }

  /** The notification's live status from the notifier; 404 when it is not `owner`'s, 503 when the notifier does not answer. */
  status(id: string, owner: string): Promise<NotificationStatus> {
    return this.ask(SUBJECTS.notificationStatusRequest, 'NotificationStatusRequested', { id, caller: owner }, notificationStatusSchema, 3_000);
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
