import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../../problem-details.filter.js';
import { GroupSearchClient, type FoundGroup } from '../../groups/group-search.client.js';
import { ConsoleAuthors } from '../authors/console-authors.js';
import { integerIn, once, type QueryParams } from '../status/query-params.js';

/** `GET /api/v1/console/groups?search=&top=`: Entra groups of the author's tenant whose name matches (graph-sync's group search). */
@Controller('api/v1/console/groups')
export class GroupsController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(GroupSearchClient) private readonly groups: GroupSearchClient,
  ) {}

  @Get()
  async search(@Query() query: QueryParams, @Req() request: FastifyRequest): Promise<{ value: FoundGroup[] }> {
    const { tenantId } = await this.authors.identify(request);
    const search = once(query, 'search')?.trim();
    if (!search || search.length > 256) throw new Problem(400, 'search: the text to look for in group names (1 to 256 characters)', {}, 'search');
    const top = integerIn(query, 'top', 1, 100) ?? 25;
    return { value: await this.groups.search({ tenantId, query: search, top }) };
  }
}
