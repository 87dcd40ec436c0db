import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConsoleAuthors } from '../../authors/console-authors.js';
import type { CancelMessage } from '../console-message.commands.js';
import { commandNow, ConsoleMessages } from '../console-messages.js';
import { ConsoleNotifications } from '../send-message/console-notifications.js';

/**
 * `POST /api/v1/console/messages/{id}/cancel`: while it awaits approval, or its notification is
 * scheduled or sending (that notification is cancelled: whoever was not reached yet never is);
 * 409 for a draft (delete it) or a message every recipient got already.
 */
@Controller('api/v1/console/messages')
export class CancelMessageController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleMessages) private readonly messages: ConsoleMessages,
    @Inject(ConsoleNotifications) private readonly notifications: ConsoleNotifications,
  ) {}

  @Post(':id/cancel')
  @HttpCode(202)
  async cancel(@Param('id') id: string, @Req() request: FastifyRequest): Promise<{ id: string; version: number; state: 'cancelled' }> {
    const author = await this.authors.identify(request);
    const message = await this.messages.find(id, author.tenantId);
    const notificationId = message.notificationId;
    const status = notificationId ? await this.notifications.status(notificationId) : null;
    const command = commandNow<CancelMessage>('CancelMessage', { messageId: id, author, notificationFinished: status?.state === 'completed' });
    this.messages.check(command, message);
    if (notificationId) await this.notifications.cancel(notificationId, new Date(command.metadata.occurredAt));
    const cancelled = await this.messages.handle(command);
    return { id, version: cancelled.version, state: 'cancelled' };
  }
}
