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
  private readonly log: { id: string; version: number }[] = [];
  version = 0;
  generation = 0;
  /** How many users were generated so far (their numbers keep UPNs unique). */
  generated = 0;

  constructor(readonly tenantId: string) {}

  put(user: DirectoryUser): void {
    this.version += 1;
    this.entries.set(user.id, { user, version: this.version });
    this.log.push({ id: user.id, version: this.version });
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

  /** Ids of the users that exist now, in creation order. */
  liveIds(): string[] {
    const ids: string[] = [];
    for (const [id, entry] of this.entries) if (!entry.removed) ids.push(id);
    return ids;
  }

  /** Ids of users changed (or removed) after `version`, each once, in the order of their last change. */
  changedSince(version: number): string[] {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.log[mid]!.version <= version) low = mid + 1;
      else high = mid;
    }
    const last = new Map<string, number>();
    for (let i = low; i < this.log.length; i++) last.set(this.log[i]!.id, i);
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
