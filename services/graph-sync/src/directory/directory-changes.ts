import { deriveId, metadataFor, type DirectoryEvent } from '@herald/contracts';

/** The properties asked of `users/delta`. */
export const USER_SELECT = ['id', 'displayName', 'userPrincipalName', 'mail', 'accountEnabled', 'userType'] as const;
export const USERS_DELTA_PATH = `/users/delta?$select=${USER_SELECT.join(',')}`;

/** A user as users/delta lists it: the selected properties (in a delta round, possibly only the changed ones), or `@removed`. */
export interface DeltaUser {
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
  '@removed'?: { reason?: string };
}

/** What was last emitted of a user: the fields, as JSON (`directory_sync_seen.fingerprint`). */
interface Known {
  displayName: string | null;
  userPrincipalName: string | null;
  mail: string | null;
  accountEnabled: boolean;
  userType: string | null;
}

export interface PageChanges {
  events: DirectoryEvent[];
  /** Users listed and present: their new fingerprint (unchanged ones too, to mark them seen in this round). */
  seen: { userId: string; fingerprint: string }[];
  /** Users listed as removed that were known. */
  removed: string[];
}

export interface PageInput {
  tenantId: string;
  round: number;
  users: readonly DeltaUser[];
  /** Fingerprints of the listed users already known. */
  known: ReadonlyMap<string, string>;
  now: Date;
}

/**
 * Compares a page of users/delta with what was emitted before: an event only for a user that is new,
 * changed or gone. Event ids derive from tenant, user, round and content, so the same page applied
 * twice (a resume after a crash) publishes the same msgIDs, which JetStream drops.
 */
export function changesOfPage(input: PageInput): PageChanges {
  const changes: PageChanges = { events: [], seen: [], removed: [] };
  for (const user of input.users) {
    const before = input.known.get(user.id);
    if (user['@removed']) {
      if (before === undefined) continue;
      changes.removed.push(user.id);
      changes.events.push(removedEvent(input, user.id, user['@removed'].reason === 'changed' ? 'changed' : 'deleted'));
      continue;
    }
    const now = merged(before, user);
    const fingerprint = JSON.stringify(now);
    changes.seen.push({ userId: user.id, fingerprint });
    if (fingerprint === before) continue;
    const id = deriveId('DirectoryUserUpserted', input.tenantId, user.id, String(input.round), fingerprint);
    changes.events.push({ type: 'DirectoryUserUpserted', data: { tenantId: input.tenantId, userId: user.id, ...now }, metadata: metadataFor({ id, occurredAt: input.now }) });
  }
  return changes;
}

export function removedEvent(input: { tenantId: string; round: number; now: Date }, userId: string, reason: 'changed' | 'deleted' | 'resync'): DirectoryEvent {
  const id = deriveId('DirectoryUserRemoved', input.tenantId, userId, String(input.round));
  return { type: 'DirectoryUserRemoved', data: { tenantId: input.tenantId, userId, reason }, metadata: metadataFor({ id, occurredAt: input.now }) };
}

/** A delta round may list only the properties that changed: the others keep their known values. */
function merged(before: string | undefined, user: DeltaUser): Known {
  const known: Partial<Known> = before === undefined ? {} : (JSON.parse(before) as Known);
  const pick = <K extends keyof Known>(key: K, fallback: Known[K]): Known[K] => (user[key] === undefined ? (known[key] ?? fallback) : (user[key] as Known[K]) ?? fallback);
  return {
    displayName: pick('displayName', null),
    userPrincipalName: pick('userPrincipalName', null),
    mail: pick('mail', null),
    accountEnabled: pick('accountEnabled', true),
    userType: pick('userType', null),
  };
}
