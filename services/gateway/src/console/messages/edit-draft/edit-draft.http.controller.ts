import { Body, Controller, Inject, Param, Put, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { consoleDraftSchema } from '@herald/contracts';
import { parseBody } from '../../../problem-details.filter.js';
import { ConsoleAuthors } from '../../authors/console-authors.js';
import type { EditDraft } from '../console-message.commands.js';
import { commandNow, ConsoleMessages } from '../console-messages.js';

/** The body of `PUT`: the whole draft, and the version it was edited from. */
const editSchema = z.strictObject({ draft: consoleDraftSchema, version: z.number().int().min(1) });

/**
 * `PUT /api/v1/console/messages/{id}`: replaces the draft — by any author of the tenant, from the
 * current version (409 when someone changed it since, or it is no longer a draft).
 */
@Controller('api/v1/console/messages')
export class EditDraftController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleMessages) private readonly messages: ConsoleMessages,
  ) {}

  @Put(':id')
  async edit(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<{ id: string; version: number }> {
    const author = await this.authors.identify(request);
    const { draft, version } = parseBody(editSchema, body);
    await this.messages.find(id, author.tenantId);
    const message = await this.messages.handle(commandNow<EditDraft>('EditDraft', { messageId: id, author, draft, version }));
    return { id, version: message.version };
  }
}
