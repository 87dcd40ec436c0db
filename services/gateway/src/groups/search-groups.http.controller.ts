import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LOGGER, type Logger } from '@herald/telemetry';
import { NotificationApi } from '../notifications/notification-api.js';
import { Problem } from '../problem-details.filter.js';
import { GroupSearchClient, type FoundGroup } from './group-search.client.js';
import { searchedTenant } from './searched-tenant.js';

type QueryParams = Record<string, string | string[] | undefined>;

/**
 * `GET /api/v1/groups?search=<text>&top=<n>&tenantId=<tenant>` (scope `notifications:send`):
 * Entra groups whose display name matches, for the console's audience picker — a group found
 * here is a `groupId` recipient of a notification. graph-sync searches Graph for the gateway.
 */
@Controller('api/v1/groups')
export class SearchGroupsController {
  constructor(
    @Inject(NotificationApi) private readonly api: NotificationApi,
    @Inject(GroupSearchClient) private readonly groups: GroupSearchClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get()
  async search(@Query() query: QueryParams, @Req() request: FastifyRequest): Promise<{ value: FoundGroup[] }> {
    const caller = await this.api.caller(request, 'notifications:send');
    const search = once(query, 'search')?.trim();
    if (!search || search.length > 256) throw new Problem(400, 'search: the text to look for in group names (1 to 256 characters)', {}, 'search');
    const top = topOf(once(query, 'top'));
    const tenantId = searchedTenant(caller, once(query, 'tenantId'));
    const value = await this.groups.search({ tenantId, query: search, top });
    this.logger.info({ caller: caller.id, tenantId, found: value.length }, 'groups searched');
    return { value };
  }
}

/** `top`: how many groups at most, 1 to 100 (25 when not given). */
function topOf(text: string | undefined): number {
  if (text === undefined) return 25;
  const top = Number(text);
  if (!/^\d+$/.test(text) || top < 1 || top > 100) throw new Problem(400, 'top: an integer from 1 to 100', {}, 'top');
  return top;
}

/** A query parameter given at most once (a repeated one arrives as an array), without NUL or lone surrogates: 400 naming it otherwise. */
function once(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new Problem(400, `${name}: give it once`, {}, name);
  if (value !== undefined && (value.includes('\u0000') || /\p{Cs}/u.test(value))) throw new Problem(400, `${name}: not text`, {}, name);
  return value;
}
