import type { MikroORM } from '@herald/persistence';

/** Where a tenant's sync stands: the link to fetch next (a nextLink mid-round, the deltaLink between rounds; none: from scratch). */
export interface SyncPosition {
  link: string | null;
  /** Rounds so far: a round ends at a deltaLink. */
  round: number;
  /** The round lists every user (initial sync or resync): users it did not list are removed at its end. */
  full: boolean;
}

export interface PageCommit {
  position: SyncPosition;
  seen: readonly { userId: string; fingerprint: string }[];
  /** Users no longer in the directory. */
  removed: readonly string[];
}

/**
 * The sync's checkpoint in Postgres (graph_sync schema), with the per-tenant lease: each page's
 * link is stored with the fingerprints of the users it listed in one transaction, and only while
 * the lease is still this replica's (a replica that lost it stops at its next page).
 */
export class DirectorySyncState {
  constructor(
    private readonly database: MikroORM,
    private readonly owner: string,
    private readonly leaseSeconds: number,
  ) {}

  /** Takes the tenant's lease when free, expired or already this replica's; the position to resume from, or undefined when another replica holds it. */
  async claim(tenantId: string): Promise<SyncPosition | undefined> {
    const em = this.database.em.fork();
    await em.execute('insert into directory_sync_state (tenant_id, link, round, full_round) values (?, null, 1, true) on conflict do nothing', [tenantId]);
    const rows = await em.execute<{ link: string | null; round: number; full_round: boolean }[]>(
      `update directory_sync_state set lease_owner = ?, lease_until = now() + make_interval(secs => ?)
       where tenant_id = ? and (lease_owner is null or lease_owner = ? or lease_until < now()) returning link, round, full_round`,
      [this.owner, this.leaseSeconds, tenantId, this.owner],
    );
    const row = rows[0];
    return row ? { link: row.link, round: row.round, full: row.full_round } : undefined;
  }

  async release(tenantId: string): Promise<void> {
    await this.database.em.fork().execute('update directory_sync_state set lease_owner = null, lease_until = null where tenant_id = ? and lease_owner = ?', [tenantId, this.owner]);
  }

  /** Fingerprints of those of `userIds` already emitted. */
  async known(tenantId: string, userIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.database.em.fork().execute<{ user_id: string; fingerprint: string }[]>(
      'select user_id, fingerprint from directory_sync_seen where tenant_id = ? and user_id in (select jsonb_array_elements_text(?::jsonb))',
      [tenantId, JSON.stringify(userIds)],
    );
    return new Map(rows.map((row) => [row.user_id, row.fingerprint]));
  }

  /** Users not listed in `round` (at the end of a full round: gone since). */
  async unseen(tenantId: string, round: number): Promise<string[]> {
    const rows = await this.database.em.fork().execute<{ user_id: string }[]>('select user_id from directory_sync_seen where tenant_id = ? and seen_round < ?', [tenantId, round]);
    return rows.map((row) => row.user_id);
  }

  /** Stores a page's outcome and the next position, renewing the lease; false (nothing stored) when the lease is no longer ours. */
  async commit(tenantId: string, seenRound: number, commit: PageCommit): Promise<boolean> {
    return this.database.em.fork().transactional(async (em) => {
      const { link, round, full } = commit.position;
      const owned = await em.execute<unknown[]>(
        `update directory_sync_state set link = ?, round = ?, full_round = ?, updated_at = now(), lease_until = now() + make_interval(secs => ?)
         where tenant_id = ? and lease_owner = ? returning 1`,
        [link, round, full, this.leaseSeconds, tenantId, this.owner],
      );
      if (owned.length === 0) return false;
      if (commit.seen.length > 0) {
        await em.execute(
          `insert into directory_sync_seen (tenant_id, user_id, fingerprint, seen_round)
           select ?, user_id, fingerprint, ? from jsonb_to_recordset(?::jsonb) as x(user_id text, fingerprint text)
           on conflict (tenant_id, user_id) do update set fingerprint = excluded.fingerprint, seen_round = excluded.seen_round`,
          [tenantId, seenRound, JSON.stringify(commit.seen.map((each) => ({ user_id: each.userId, fingerprint: each.fingerprint })))],
        );
      }
      if (commit.removed.length > 0) {
        await em.execute('delete from directory_sync_seen where tenant_id = ? and user_id in (select jsonb_array_elements_text(?::jsonb))', [tenantId, JSON.stringify(commit.removed)]);
      }
      return true;
    });
  }
}
