import { createHash } from 'node:crypto';

/** A user of a tenant's directory, with the properties Graph's user resource (and users/delta) returns. */
export interface DirectoryUser {
  readonly id: string;
  readonly displayName: string;
  readonly givenName: string | null;
  readonly surname: string | null;
  readonly userPrincipalName: string;
  readonly mail: string | null;
  readonly accountEnabled: boolean;
  readonly userType: 'Member' | 'Guest';
  readonly jobTitle: string | null;
  readonly businessPhones: readonly string[];
  readonly mobilePhone: string | null;
  readonly officeLocation: string | null;
  readonly preferredLanguage: string | null;
}

/** Why users/delta reports a user gone: `changed` = soft-deleted (restorable), `deleted` = deleted for good. */
export type RemovedReason = 'changed' | 'deleted';

/** The properties Graph returns for a user without $select ("Get a user", users/delta example 1). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

export const SELECTABLE_USER_PROPERTIES: ReadonlySet<string> = new Set([...DEFAULT_USER_PROPERTIES, 'accountEnabled', 'userType']);

/** The user as Graph shows it: the selected properties (id always), in the order asked. */
export function userValue(user: DirectoryUser, select: readonly string[] | undefined): Record<string, unknown> {
  const names = select ? [...select.filter((name) => name !== 'id'), 'id'] : DEFAULT_USER_PROPERTIES;
  const values = user as unknown as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, values[name] ?? null]));
}

/** A stable GUID (version 4 layout) derived from its inputs: the same tenant and seed always give the same id. */
export function stableObjectId(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
