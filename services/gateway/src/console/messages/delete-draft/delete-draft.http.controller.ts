import { Controller, Delete, HttpCode, Inject, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ConsoleAuthors } from '../../authors/console-authors.js';
import type { DeleteDraft } from '../console-message.commands.js';
import { commandNow, ConsoleMessages } from '../console-messages.js';

/** `DELETE /api/v1/console/messages/{id}`: a draft is deleted (204); anything else stays (409): a sent one is cancelled instead. */
@Controller('api/v1/console/messages')
export class DeleteDraftController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleMessages) private readonly messages: ConsoleMessages,
  ) {}

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Req() request: FastifyRequest): Promise<void> {
    const author = await this.authors.identify(request);
    await this.messages.find(id, author.tenantId);
    await this.messages.handle(commandNow<DeleteDraft>('DeleteDraft', { messageId: id, author }));
  }
}
