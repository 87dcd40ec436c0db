import type { ConsoleSendAnswer } from '@herald/contracts';
import { Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConsoleAuthors } from '../../authors/console-authors.js';
import type { ApproveMessage } from '../console-message.commands.js';
import { stillAhead } from '../console-message.js';
import { commandNow, ConsoleMessages } from '../console-messages.js';
import { ConsoleNotifications } from '../send-message/console-notifications.js';
import { sendAsNotification } from '../send-message/send-as-notification.js';
import { answerOf } from '../send-message/send-answer.js';

/**
 * `POST /api/v1/console/messages/{id}/approve`: another author than the one who submitted it
 * approves a message awaiting approval (403 for its submitter, 409 unless awaiting): it is sent
 * as submitted — at its `sendAt`, or now when that time passed while it waited.
 */
@Controller('api/v1/console/messages')
export class ApproveMessageController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleMessages) private readonly messages: ConsoleMessages,
    @Inject(ConsoleNotifications) private readonly notifications: ConsoleNotifications,
  ) {}

  @Post(':id/approve')
  @HttpCode(202)
  async approve(@Param('id') id: string, @Req() request: FastifyRequest): Promise<ConsoleSendAnswer> {
    const approver = await this.authors.identify(request);
    const message = await this.messages.find(id, approver.tenantId);
    const command = commandNow<ApproveMessage>('ApproveMessage', { messageId: id, approver, version: message.version });
    const now = new Date(command.metadata.occurredAt);
    return answerOf(await sendAsNotification({ messages: this.messages, notifications: this.notifications }, message, stillAhead(message.send ?? {}, command.metadata.occurredAt), command), now);
  }
}
