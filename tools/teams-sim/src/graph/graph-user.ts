import type { EntraUser } from '../entra/user-directory.js';
import { DEFAULT_USER_PROPERTIES } from './directory/directory-user.js';

/** `$select=displayName,mail` → ['displayName', 'mail']; undefined without $select. */
export function parseSelect(select: string | undefined): string[] | undefined {
  const names = select?.split(',').map((name) => name.trim()).filter(Boolean);
  return names?.length ? names : undefined;
}

/**
 * The user resource as Graph returns it: `@odata.context` naming the entity set (and the selection), then
 * the default properties or the selected ones. A selected property the sim does not keep is null, as Graph
 * answers for a property that has no value.
 */
export function userResource(user: EntraUser, serviceRoot: string, select: string[] | undefined) {
  const values: Record<string, unknown> = { ...user, businessPhones: [...user.businessPhones] };
  const known = new Set<string>(DEFAULT_USER_PROPERTIES);
  const names = select ?? DEFAULT_USER_PROPERTIES;
  const context = select ? `users(${select.join(',')})/$entity` : 'users/$entity';
  return {
    '@odata.context': `${serviceRoot}/$metadata#${context}`,
    ...Object.fromEntries(names.map((name) => [name, known.has(name) ? (values[name] ?? null) : null])),
  };
}
