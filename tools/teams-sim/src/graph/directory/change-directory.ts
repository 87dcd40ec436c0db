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
  /** Default the sim's tenant. */
  tenantId?: string;
}

/** What `changeDirectory` did: exactly what the next delta round reports. */
export interface DirectoryChanges {
  readonly updated: readonly DirectoryUser[];
  readonly removed: readonly { id: string; reason: RemovedReason }[];
  readonly added: readonly DirectoryUser[];
}

/** Updates and removes users spread evenly over the directory (distinct users), then adds new ones. */
export function changeDirectory(directory: TenantDirectory, options: Omit<ChangeDirectoryOptions, 'tenantId'>): DirectoryChanges {
  const { updated = 0, removed = 0, added = 0 } = options;
  const live = directory.liveIds();
  const touched = Math.min(updated + removed, live.length);
  const step = touched > 0 ? live.length / touched : 0;
  const chosen = Array.from({ length: touched }, (_, i) => live[Math.floor(i * step)]!);
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
  return { updated: updatedUsers, removed: removedUsers, added: seedDirectory(directory, { users: added }) };
}
