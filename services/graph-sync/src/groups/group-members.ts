import type { groupMembersRequestSchema, GroupMembersAnswer } from '@herald/contracts';
import { GraphError, type GraphClient } from '@herald/graph-client';
import { isGraphRefusal, unavailableOrThrow } from '../graph-failure.js';
import type { GroupMembersCache } from './group-members-cache.js';
import { transitiveUserMembers } from './transitive-user-members.js';

/** A later page reads the set whatever its age. */
const ANY_AGE_MS = 10 * 365 * 86_400_000;

export interface GroupMembersDeps {
  cache: GroupMembersCache;
  graphOf: (tenantId: string) => GraphClient;
  /** GRAPH_GROUP_CACHE_SECONDS, in ms. */
  cacheMs: number;
}

/**
 * A page of a group's transitive members from the cache. A first page (no `after`) refreshes the
 * cache from Graph when it is older than its TTL; a later page reads the set as it is (fetching
 * it only when there is none), so a caller paging through sees one consistent list.
 */
export class GroupMembers {
  constructor(private readonly deps: GroupMembersDeps) {}

  async page(request: ReturnType<typeof groupMembersRequestSchema.parse>['data']): Promise<GroupMembersAnswer> {
    const { tenantId, groupId, after, limit } = request;
    try {
      const maxAgeMs = after === undefined ? this.deps.cacheMs : ANY_AGE_MS;
      if (!(await this.fresh(tenantId, groupId, maxAgeMs))) return { status: 'notFound' };
      const page = await this.deps.cache.page(tenantId, groupId, after, limit);
      if (!page) return { status: 'notFound' };
      return { status: 'ok', ...page };
    } catch (error) {
      if (isGraphRefusal(error)) return { status: 'refused', code: error.code };
      return unavailableOrThrow(error);
    }
  }

  /** The set fetched since at most `maxAgeMs` (read from Graph if not); false when Graph knows no such group. */
  private async fresh(tenantId: string, groupId: string, maxAgeMs: number): Promise<boolean> {
    if (await this.deps.cache.freshSince(tenantId, groupId, maxAgeMs)) return true;
    const fetched = await this.deps.cache.refresh(tenantId, groupId, maxAgeMs, () => this.fetch(tenantId, groupId));
    return fetched !== undefined;
  }

  private async fetch(tenantId: string, groupId: string) {
    try {
      return await transitiveUserMembers(this.deps.graphOf(tenantId), groupId);
    } catch (error) {
      if (error instanceof GraphError && error.status === 404) return undefined;
      throw error;
    }
  }
}
