import { randomUUID } from 'node:crypto';
import { Body, Controller, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { consoleDraftSchema } from '@herald/contracts';
import { parseBody } from '../../../problem-details.filter.js';
import { ConsoleAuthors } from '../../authors/console-authors.js';
import type { DraftMessage } from '../console-message.commands.js';
import { commandNow, ConsoleMessages } from '../console-messages.js';

/**
 * `POST /api/v1/console/messages`: a new draft (201 with its id and version, Location);
 * `POST …/{id}/duplicate`: a new draft with the content of another message of the tenant,
 * whatever became of it.
 */
@Controller('api/v1/console/messages')
export class DraftMessageController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleMessages) private readonly messages: ConsoleMessages,
  ) {}

  @Post()
  async draft(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ id: string; version: number }> {
    const author = await this.authors.identify(request);
    const draft = parseBody(consoleDraftSchema, body);
    return this.drafted(reply, commandNow<DraftMessage>('DraftMessage', { messageId: randomUUID(), author, draft }));
  }

  @Post(':id/duplicate')
  async duplicate(@Param('id') id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ id: string; version: number }> {
    const author = await this.authors.identify(request);
    const source = await this.messages.find(id, author.tenantId);
    return this.drafted(reply, commandNow<DraftMessage>('DraftMessage', { messageId: randomUUID(), author, draft: source.draft!, duplicatedFrom: source.id! }));
  }

  private async drafted(reply: FastifyReply, command: DraftMessage): Promise<{ id: string; version: number }> {
    const message = await this.messages.handle(command);
    void reply.status(201).header('location', `/api/v1/console/messages/${message.id}`);
    return { id: message.id!, version: message.version };
  }
}
