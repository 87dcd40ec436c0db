import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { consoleSendSchema, isTimeZone, type ConsoleSend, type ConsoleSendAnswer } from '@herald/contracts';
import { parseBody, Problem } from '../../../problem-details.filter.js';
import { ConsoleAuthors } from '../../authors/console-authors.js';
import type { SendMessage } from '../console-message.commands.js';
import { commandNow, ConsoleMessages } from '../console-messages.js';
import { ConsoleNotifications } from './console-notifications.js';
import { sendAsNotification } from './send-as-notification.js';
import { answerOf } from './send-answer.js';

/**
 * `POST /api/v1/console/messages/{id}/send` body `{ sendAt?, timeZone? }`: now, or at `sendAt`
 * (shown in the author's IANA `timeZone`). A draft that needs approval waits for another author
 * (`awaitingApproval`); any other becomes the notification `console-<id>` (202). A draft that
 * cannot be sent: 422 naming each field. Sending again what was sent changes nothing.
 */
@Controller('api/v1/console/messages')
export class SendMessageController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleMessages) private readonly messages: ConsoleMessages,
    @Inject(ConsoleNotifications) private readonly notifications: ConsoleNotifications,
  ) {}

  @Post(':id/send')
  @HttpCode(202)
  async send(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<ConsoleSendAnswer> {
    const author = await this.authors.identify(request);
    const send = sendOf(body);
    const message = await this.messages.find(id, author.tenantId);
    const command = commandNow<SendMessage>('SendMessage', { messageId: id, author, send, version: message.version });
    const now = new Date(command.metadata.occurredAt);
    if (message.phase === 'awaitingApproval' || message.phase === 'sent') return answerOf(message, now);
    if (!message.draft?.needsApproval) return answerOf(await sendAsNotification({ messages: this.messages, notifications: this.notifications }, message, send, command), now);
    this.messages.check(command, message);
    await this.notifications.check(message, send, now);
    return answerOf(await this.messages.handle(command), now);
  }
}

/** The body (none: now), its time zone a real one (400 naming the field otherwise). */
function sendOf(body: unknown): ConsoleSend {
  const send = parseBody(consoleSendSchema, body ?? {});
  if (send.timeZone !== undefined && !isTimeZone(send.timeZone)) throw new Problem(400, `timeZone: unknown time zone "${send.timeZone}": give an IANA name such as Europe/Berlin`, {}, 'timeZone');
  return send;
}
