import type { DirectoryUser, RemovedReason } from './directory-user.js';

interface Entry {
  user: DirectoryUser;
  removed?: RemovedReason;
  version: number;
}

/** A user as a delta round reports it: current, or gone with the reason. */
export type DirectoryChange = { user: DirectoryUser; removed?: undefined } | { id: string; removed: RemovedReason };

/**
 * One tenant's users with a change log: every put or removal gets the next version, so a delta round can ask
 * for everything changed after the version its deltaLink was issued at. `generation` changes when tests expire
 * the tenant's delta tokens.
 */
export class TenantDirectory {
  private readonly entries = new Map<string, Entry>();
  /** Every change in order; `properties`: the ones an update changed (none for a creation or removal). */
  private readonly log: { id: string; version: number; properties?: readonly string[] }[] = [];
  version = 0;
  generation = 0;
  /** How many users were generated so far (their numbers keep UPNs unique). */
  generated = 0;
  private readonly byUpn = new Map<string, string>();
  private upnIndexed = 0;

  constructor(readonly tenantId: string) {}

  put(user: DirectoryUser): void {
    const before = this.entries.get(user.id);
    this.version += 1;
    this.entries.set(user.id, { user, version: this.version });
    const properties = before && !before.removed ? changedProperties(before.user, user) : undefined;
    this.log.push({ id: user.id, version: this.version, ...(properties ? { properties } : {}) });
  }

  remove(id: string, reason: RemovedReason): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.removed) return false;
    this.version += 1;
    entry.removed = reason;
    entry.version = this.version;
    this.log.push({ id, version: this.version });
    return true;
  }

  get(id: string): DirectoryUser | undefined {
    const entry = this.entries.get(id.toLowerCase()) ?? this.entries.get(id);
    return entry && !entry.removed ? entry.user : undefined;
  }

  /** A current user by id or by userPrincipalName (case-insensitive), as Graph's `users/{id | userPrincipalName}`. */
  find(idOrUpn: string): DirectoryUser | undefined {
    if (!idOrUpn.includes('@')) return this.get(idOrUpn);
    const upn = idOrUpn.toLowerCase();
    if (this.version > this.upnIndexed) {
      for (const id of this.changedSince(this.upnIndexed)) {
        const user = this.entries.get(id)?.user;
        if (user) this.byUpn.set(user.userPrincipalName.toLowerCase(), id);
      }
      this.upnIndexed = this.version;
    }
    const id = this.byUpn.get(upn);
    const user = id === undefined ? undefined : this.get(id);
    return user?.userPrincipalName.toLowerCase() === upn ? user : undefined;
  }

  /** Ids of the users that exist now, in creation order. */
  liveIds(): string[] {
    const ids: string[] = [];
    for (const [id, entry] of this.entries) if (!entry.removed) ids.push(id);
    return ids;
  }

  /**
   * Ids of users created, removed or changed after `version`, each once, in the order of their last change;
   * with `select`, an update counts only when it changed a selected property (delta query overview: changes
   * to properties not selected do not make the user appear).
   */
  changedSince(version: number, select?: readonly string[]): string[] {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.log[mid]!.version <= version) low = mid + 1;
      else high = mid;
    }
    const last = new Map<string, number>();
    for (let i = low; i < this.log.length; i++) {
      const { id, properties } = this.log[i]!;
      if (!select || !properties || properties.some((name) => select.includes(name))) last.set(id, i);
    }
    return [...last.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }

  /** The user now, or how they were removed; undefined for an id this directory never had. */
  current(id: string): DirectoryChange | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    return entry.removed ? { id, removed: entry.removed } : { user: entry.user };
  }
}

/** Every tenant's directory, created on first use. */
export class TenantDirectories {
  private readonly tenants = new Map<string, TenantDirectory>();

  of(tenantId: string): TenantDirectory {
    const key = tenantId.toLowerCase();
    let directory = this.tenants.get(key);
    if (!directory) this.tenants.set(key, (directory = new TenantDirectory(key)));
    return directory;
  }

  all(): TenantDirectory[] {
    return [...this.tenants.values()];
  }
}

function changedProperties(before: DirectoryUser, after: DirectoryUser): string[] {
  const was = before as unknown as Record<string, unknown>;
  const now = after as unknown as Record<string, unknown>;
  return Object.keys(now).filter((name) => JSON.stringify(was[name]) !== JSON.stringify(now[name]));
}
