import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { consoleMessagesAnswerSchema, consoleMessageStateSchema, SUBJECTS, type ConsoleMessagesAnswer } from '@herald/contracts';
import { ConsoleAuthors } from '../authors/console-authors.js';
import { integerIn, oneOf, once, type QueryParams } from '../status/query-params.js';
import { ConsoleReadsClient } from './console-reads.client.js';

/**
 * `GET /api/v1/console/messages?state=&after=&limit=`: the author's tenant's messages, newest
 * first, each with its state and its notification's live counts (the notifier's list).
 */
@Controller('api/v1/console/messages')
export class ListMessagesController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleReadsClient) private readonly reads: ConsoleReadsClient,
  ) {}

  @Get()
  async list(@Query() query: QueryParams, @Req() request: FastifyRequest): Promise<ConsoleMessagesAnswer> {
    const { tenantId } = await this.authors.identify(request);
    const state = oneOf(query, 'state', consoleMessageStateSchema.options);
    const after = once(query, 'after');
    const limit = integerIn(query, 'limit', 1, 200) ?? 50;
    return this.reads.ask(SUBJECTS.consoleMessagesRequest, 'ConsoleMessagesRequested', { tenantId, limit, ...(state ? { state } : {}), ...(after ? { after } : {}) }, consoleMessagesAnswerSchema);
  }
}
