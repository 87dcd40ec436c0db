import type { ConsoleMessageView } from '@herald/contracts';
import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConsoleAuthors } from '../../authors/console-authors.js';
import { ConsoleMessages } from '../console-messages.js';
import { ConsoleNotifications } from '../send-message/console-notifications.js';
import { consoleMessageState, consoleMessageView } from './console-message-view.js';

/** `GET /api/v1/console/messages/{id}`: one message of the author's tenant, with its version (for `PUT`) and where it stands. */
@Controller('api/v1/console/messages')
export class ReadMessageController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleMessages) private readonly messages: ConsoleMessages,
    @Inject(ConsoleNotifications) private readonly notifications: ConsoleNotifications,
  ) {}

  @Get(':id')
  async read(@Param('id') id: string, @Req() request: FastifyRequest): Promise<ConsoleMessageView> {
    const author = await this.authors.identify(request);
    const message = await this.messages.find(id, author.tenantId);
    const status = message.notificationId ? await this.notifications.status(message.notificationId) : null;
    return consoleMessageView(message, consoleMessageState(message, status, new Date()));
  }
}
