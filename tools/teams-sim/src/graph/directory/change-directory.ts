import type { DirectoryUser, RemovedReason } from './directory-user.js';
import { seedDirectory } from './seed-directory.js';
import type { TenantDirectory } from './tenant-directory.js';

/** Options of `TeamsSim.changeDirectory`. */
export interface ChangeDirectoryOptions {
  /** Users whose displayName and jobTitle change. */
  updated?: number;
  /** Users removed: alternately soft-deleted (`@removed` reason `changed`) and deleted for good (`deleted`). */
  removed?: number;
  /** New member accounts. */
  added?: number;
  /** Enabled accounts disabled (`accountEnabled: false`). */
  disabled?: number;
  /** Default the sim's tenant. */
  tenantId?: string;
}

/** What `changeDirectory` did: exactly what the next delta round reports. */
export interface DirectoryChanges {
  readonly updated: readonly DirectoryUser[];
  readonly disabled: readonly DirectoryUser[];
  readonly removed: readonly { id: string; reason: RemovedReason }[];
  readonly added: readonly DirectoryUser[];
}

/** `count` of `ids`, spread evenly over them. */
function spread(ids: readonly string[], count: number): string[] {
  const taken = Math.min(count, ids.length);
  const step = taken > 0 ? ids.length / taken : 0;
  return Array.from({ length: taken }, (_, i) => ids[Math.floor(i * step)]!);
}

/** Updates, removes and disables users spread evenly over the directory (distinct users), then adds new ones. */
export function changeDirectory(directory: TenantDirectory, options: Omit<ChangeDirectoryOptions, 'tenantId'>): DirectoryChanges {
  const { updated = 0, removed = 0, added = 0, disabled = 0 } = options;
  const chosen = spread(directory.liveIds(), updated + removed);
  const untouched = new Set(chosen);
  const enabled = directory.liveIds().filter((id) => !untouched.has(id) && directory.get(id)?.accountEnabled);
  const round = directory.version;
  const updatedUsers = chosen.slice(0, updated).map((id, i) => {
    const user = directory.get(id)!;
    const next = { ...user, displayName: `${user.givenName ?? ''} ${user.surname ?? ''} (${round}.${i})`.trim(), jobTitle: `Role ${round}.${i}` };
    directory.put(next);
    return next;
  });
  const removedUsers = chosen.slice(updated).map((id, i) => {
    const reason: RemovedReason = i % 2 === 0 ? 'changed' : 'deleted';
    directory.remove(id, reason);
    return { id, reason };
  });
  const disabledUsers = spread(enabled, disabled).map((id) => {
    const next = { ...directory.get(id)!, accountEnabled: false };
    directory.put(next);
    return next;
  });
  return { updated: updatedUsers, disabled: disabledUsers, removed: removedUsers, added: seedDirectory(directory, { users: added }) };
}
