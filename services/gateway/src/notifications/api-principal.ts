import type { ApiScope, RateLimit } from '@herald/config';

/** Who is calling the notification API, and what they may do: from an API key's entry or an Entra app's roles. */
export interface ApiPrincipal {
  /** `key-<digest prefix>` or `app-<client id>`: whose notifications are whose. */
  id: string;
  scopes: readonly ApiScope[];
  /** The tenants its recipients may be in; `*` for every tenant. */
  tenants: readonly string[] | '*';
  rate: RateLimit | 'unlimited';
}

/**
 * What each app role of Herald's registration allows an Entra caller. Sending includes reading
 * one's own notifications (their status and recipients).
 */
export const ENTRA_ROLE_SCOPES: Readonly<Record<string, readonly ApiScope[]>> = {
  'Notifications.Send': ['notifications:send', 'notifications:read'],
  'Notifications.Read': ['notifications:read'],
  'Notifications.Admin': ['admin'],
  'Preferences.Read': ['preferences:read'],
  'Preferences.ReadWrite': ['preferences:read', 'preferences:write'],
};

/** `admin` may do everything. */
export function mayDo(principal: ApiPrincipal, scope: ApiScope): boolean {
  return principal.scopes.includes('admin') || principal.scopes.includes(scope);
}
