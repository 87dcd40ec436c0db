import type { GraphMember } from '@herald/contracts';
import type { EntityManager, MikroORM } from '@herald/persistence';

export interface CachedPage {
  members: GraphMember[];
  /** The last member's id when more follow. */
  next?: string;
  fetchedAt: string;
}

interface MemberRow {
  user_id: string;
  display_name: string | null;
  user_principal_name: string | null;
  account_enabled: boolean | null;
  user_type: string | null;
}

/**
 * Groups' transitive members in Postgres (group_member_sets + group_members): a set is replaced
 * whole, in one transaction, under an advisory lock per group, so concurrent refreshes of one
 * group fetch it once. Pages are read in user id order after a cursor.
 */
export class GroupMembersCache {
  constructor(private readonly database: MikroORM) {}

  /** When the set was fetched, if it is younger than `maxAgeMs`. */
  async freshSince(tenantId: string, groupId: string, maxAgeMs: number): Promise<string | undefined> {
    return fetchedIfFresh(this.database.em.fork(), tenantId, groupId, maxAgeMs);
  }

  /**
   * Holds the group's lock; when the set is still not fresh, `fetch` reads Graph and the set is
   * replaced with what it returned (undefined: the group is gone, so is its set). The set's time.
   */
  async refresh(tenantId: string, groupId: string, maxAgeMs: number, fetch: () => Promise<GraphMember[] | undefined>): Promise<string | undefined> {
    return this.database.em.fork().transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [JSON.stringify(['group-members', tenantId, groupId])]);
      const fresh = await fetchedIfFresh(em, tenantId, groupId, maxAgeMs);
      if (fresh) return fresh;
      const members = await fetch();
      await em.execute('delete from group_member_sets where tenant_id = ? and group_id = ?', [tenantId, groupId]);
      if (!members) return undefined;
      const [set] = await em.execute<{ fetched_at: Date }[]>('insert into group_member_sets (tenant_id, group_id, fetched_at) values (?, ?, now()) returning fetched_at', [tenantId, groupId]);
      await em.execute(
        `insert into group_members (tenant_id, group_id, user_id, display_name, user_principal_name, account_enabled, user_type)
         select ?, ?, x.* from jsonb_to_recordset(?::jsonb) as x(user_id text, display_name text, user_principal_name text, account_enabled boolean, user_type text)`,
        [tenantId, groupId, JSON.stringify(members.map(rowOf))],
      );
      return new Date(set!.fetched_at).toISOString();
    });
  }

  /** Up to `limit` members after `after` (user id order), or undefined when the group has no set. */
  async page(tenantId: string, groupId: string, after: string | undefined, limit: number): Promise<CachedPage | undefined> {
    const em = this.database.em.fork();
    const [set] = await em.execute<{ fetched_at: Date }[]>('select fetched_at from group_member_sets where tenant_id = ? and group_id = ?', [tenantId, groupId]);
    if (!set) return undefined;
    const rows = await em.execute<MemberRow[]>(
      `select user_id, display_name, user_principal_name, account_enabled, user_type from group_members
       where tenant_id = ? and group_id = ? and user_id > ? order by user_id limit ?`,
      [tenantId, groupId, after ?? '', limit + 1],
    );
    const members = rows.slice(0, limit).map(memberOf);
    const page: CachedPage = { members, fetchedAt: new Date(set.fetched_at).toISOString() };
    if (rows.length > limit) page.next = members.at(-1)!.userId;
    return page;
  }
}

async function fetchedIfFresh(em: EntityManager, tenantId: string, groupId: string, maxAgeMs: number): Promise<string | undefined> {
  const [set] = await em.execute<{ fetched_at: Date }[]>(
    'select fetched_at from group_member_sets where tenant_id = ? and group_id = ? and fetched_at > now() - make_interval(secs => ?)',
    [tenantId, groupId, maxAgeMs / 1000],
  );
  return set ? new Date(set.fetched_at).toISOString() : undefined;
}

const rowOf = (member: GraphMember): MemberRow => ({
  user_id: member.userId,
  display_name: member.displayName,
  user_principal_name: member.userPrincipalName,
  account_enabled: member.accountEnabled,
  user_type: member.userType,
});

const memberOf = (row: MemberRow): GraphMember => ({
  userId: row.user_id,
  displayName: row.display_name,
  userPrincipalName: row.user_principal_name,
  accountEnabled: row.account_enabled,
  userType: row.user_type,
});
