import { Body, Controller, Delete, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { deriveId, metadataFor, notificationPatchSchema, type Message } from '@herald/contracts';
import { currentTraceparent } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { parseBody } from '../problem-details.filter.js';
import type { ApiPrincipal } from './api-principal.js';
import { CardBinder } from './card-binding/card-binder.js';
import { NotificationApi } from './notification-api.js';
import { boundContent } from './notification-requested.js';

/**
 * Changing a notification after it was sent: `PATCH` replaces the content everywhere it was
 * delivered (and for those still to come), `DELETE` deletes it everywhere, `POST …/cancel`
 * stops the deliveries not yet made (they count `Skipped(cancelled)`). Each answers 202 once
 * the change is stored; each needs the `notifications:send` scope, and the notification must be
 * the caller's own (any one for `admin`; the event names who made the change).
 */
@Controller('api/v1/notifications/:id')
export class ChangeNotificationController {
  constructor(
    @Inject(NotificationApi) private readonly api: NotificationApi,
    @Inject(CardBinder) private readonly cards: CardBinder,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Patch()
  @HttpCode(202)
  async update(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<{ id: string }> {
    const caller = await this.api.caller(request, 'notifications:send');
    const patch = parseBody(notificationPatchSchema, body);
    await this.mayChange(id, caller);
    const content = await boundContent(patch, this.cards);
    const now = new Date();
    await this.api.append(id, change('NotificationUpdated', { notificationId: id, caller: caller.id, content, updatedAt: now.toISOString() }, now));
    this.logger.info({ notificationId: id, caller: caller.id }, 'notification updated');
    return { id };
  }

  @Delete()
  @HttpCode(202)
  async remove(@Param('id') id: string, @Req() request: FastifyRequest): Promise<{ id: string }> {
    const caller = await this.api.caller(request, 'notifications:send');
    await this.mayChange(id, caller);
    const now = new Date();
    await this.api.append(id, change('NotificationDeleted', { notificationId: id, caller: caller.id, deletedAt: now.toISOString() }, now));
    this.logger.info({ notificationId: id, caller: caller.id }, 'notification deleted');
    return { id };
  }

  @Post('cancel')
  @HttpCode(202)
  async cancel(@Param('id') id: string, @Req() request: FastifyRequest): Promise<{ id: string }> {
    const caller = await this.api.caller(request, 'notifications:send');
    await this.mayChange(id, caller);
    const now = new Date();
    await this.api.append(id, change('NotificationCancelled', { notificationId: id, caller: caller.id, cancelledAt: now.toISOString() }, now));
    this.logger.info({ notificationId: id, caller: caller.id }, 'notification cancelled');
    return { id };
  }

  /** Notification `id` must be the caller's own, or the caller an `admin`: 404 otherwise. */
  private async mayChange(id: string, caller: ApiPrincipal): Promise<void> {
    await this.api.status(id, await this.api.ownerOf(id, caller));
  }
}

function change<T extends string, D extends { notificationId: string }>(type: T, data: D, now: Date): Message<T, D> {
  return { type, data, metadata: metadataFor({ id: deriveId(type, data.notificationId, now.toISOString()), occurredAt: now, traceparent: currentTraceparent() }) };
}
