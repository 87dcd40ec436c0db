import { AuthError } from '../auth-error.js';

/**
 * Rule 8: when `allowedTenantIds` is non-empty, the activity's tenant is one of them (an activity
 * naming no tenant cannot show that it is). Empty list = any tenant.
 */
export function checkAllowedTenant(tenantId: string | undefined, allowedTenantIds: readonly string[]): void {
  if (allowedTenantIds.length === 0) return;
  const allowed = tenantId !== undefined && allowedTenantIds.some((id) => id.toLowerCase() === tenantId.toLowerCase());
  if (!allowed) throw new AuthError(403, 'allowed-tenant', 'the tenant is not allowed');
}
