import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notificationRequestSchema, statusBucketSchema, type NotificationStatus } from '@herald/contracts';
import { METRICS } from '@herald/health';
import { LOGGER, type Logger } from '@herald/telemetry';
import { parseBody, Problem } from '../problem-details.filter.js';
import { NotificationApi } from './notification-api.js';
import { CardBinder } from './card-binding/card-binder.js';
import { boundContent, notificationIdFor, notificationRequested } from './notification-requested.js';
import { checkCallbackUrl } from './callback-url.check.js';
import { idempotencyKeyOf, requestDigest } from './idempotency.js';
import { recipientsWithin } from './recipient-tenants.js';

/**
 * The notification API (CONTRACT.md): `POST` (scope `notifications:send`) stores the request in
 * JetStream and answers 202 with its id once stored; `GET` (`notifications:read`) returns the live
 * status from the notifier's projection — of the caller's own notifications, any one for `admin`.
 */
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(
    @Inject(NotificationApi) private readonly api: NotificationApi,
    @Inject(CardBinder) private readonly cards: CardBinder,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  async create(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ id: string }> {
    const caller = await this.api.caller(request, 'notifications:send');
    const parsed = parseBody(notificationRequestSchema, body);
    const idempotencyKey = idempotencyKeyOf(request.headers['idempotency-key'], parsed);
    checkCallbackUrl(parsed.callbackUrl, this.api.policy.devMode);
    const notification = { ...parsed, recipients: recipientsWithin(caller, parsed.recipients), ...(idempotencyKey ? { idempotencyKey } : {}) };
    const id = notificationIdFor(caller.id, notification);
    const digest = requestDigest(notification);
    const content = await boundContent(notification, this.cards);
    const stored = await this.api.append(id, notificationRequested(id, caller.id, notification, content, new Date(), digest), { first: true });
    if (!stored) await this.sameRequestAgain(id, digest);
    this.logger.info({ notificationId: id, caller: caller.id, recipients: notification.recipients.length, repeated: !stored }, 'notification accepted');
    if (stored) METRICS.notificationsAccepted.inc();
    void reply.status(202).header('location', `/api/v1/notifications/${id}`);
    return { id };
  }

  /** A repeated idempotency key must come with the same request (422 otherwise); requests stored before digests were kept pass. */
  private async sameRequestAgain(id: string, digest: string): Promise<void> {
    const earlier = (await this.api.requested(id))?.data.requestDigest;
    if (earlier !== undefined && earlier !== digest) {
      throw new Problem(422, 'this Idempotency-Key was already used for a different request; use a new key for a new notification');
    }
  }

  /** `?bucket=Failed&after=<recipientKey>&limit=100` (at most 500): who ended where, and how. */
  @Get(':id/recipients')
  async recipients(@Param('id') id: string, @Query() query: Record<string, string | string[] | undefined>, @Req() request: FastifyRequest) {
    const caller = await this.api.caller(request, 'notifications:read');
    const [bucket, after, limitText] = (['bucket', 'after', 'limit'] as const).map((name) => once(query, name));
    if (bucket !== undefined && !statusBucketSchema.safeParse(bucket).success) {
      throw new Problem(400, `bucket: one of ${statusBucketSchema.options.join(', ')}`, {}, 'bucket');
    }
    if (after !== undefined && (after.includes('\u0000') || /\p{Cs}/u.test(after))) throw new Problem(400, 'after: the recipientKey a page ended with', {}, 'after');
    const limit = limitText === undefined ? undefined : Number(limitText);
    if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 500)) throw new Problem(400, 'limit: an integer from 1 to 500', {}, 'limit');
    return this.api.recipients({ id, caller: await this.api.ownerOf(id, caller), ...(bucket ? { bucket } : {}), ...(after ? { after } : {}), ...(limit ? { limit } : {}) });
  }

  @Get(':id')
  async status(@Param('id') id: string, @Req() request: FastifyRequest): Promise<NotificationStatus> {
    const caller = await this.api.caller(request, 'notifications:read');
    return this.api.status(id, await this.api.ownerOf(id, caller));
  }
}

/** A query parameter given at most once (a repeated one arrives as an array): 400 naming it otherwise. */
function once(query: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new Problem(400, `${name}: give it once`, {}, name);
  return value;
}
