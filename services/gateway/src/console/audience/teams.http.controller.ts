import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { consoleTeamsAnswerSchema, SUBJECTS, type ConsoleTeamsAnswer } from '@herald/contracts';
import { Problem } from '../../problem-details.filter.js';
import { ConsoleAuthors } from '../authors/console-authors.js';
import { ConsoleReadsClient } from '../listing/console-reads.client.js';
import { once, type QueryParams } from '../status/query-params.js';

/** `GET /api/v1/console/teams?search=`: the teams of the author's tenant Herald is installed in, with their channels. */
@Controller('api/v1/console/teams')
export class TeamsController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleReadsClient) private readonly reads: ConsoleReadsClient,
  ) {}

  @Get()
  async teams(@Query() query: QueryParams, @Req() request: FastifyRequest): Promise<ConsoleTeamsAnswer> {
    const { tenantId } = await this.authors.identify(request);
    const search = once(query, 'search')?.trim();
    if (search !== undefined && search.length > 100) throw new Problem(400, 'search: at most 100 characters', {}, 'search');
    return this.reads.ask(SUBJECTS.consoleTeamsRequest, 'ConsoleTeamsRequested', { tenantId, ...(search ? { search } : {}) }, consoleTeamsAnswerSchema);
  }
}
