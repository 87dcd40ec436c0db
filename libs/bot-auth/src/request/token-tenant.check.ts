import type { JWTPayload } from 'jose';
import { AuthError } from '../auth-error.js';

/**
 * Rule 9 (Entra path): the activity belongs to the tenant the token was issued in (`tid`). An
 * Entra token proves only an app of that tenant; it may not speak for another tenant's users, and
 * an activity naming no tenant cannot be tied to it. Refused with 403: the caller is authentic.
 */
export function checkTokenTenant(claims: JWTPayload, activityTenantId: string | undefined): void {
  const { tid } = claims;
  if (typeof tid !== 'string' || activityTenantId === undefined || tid.toLowerCase() !== activityTenantId.toLowerCase()) {
    throw new AuthError(403, 'token-tenant', "the activity's tenant is not the token's tenant");
  }
}
