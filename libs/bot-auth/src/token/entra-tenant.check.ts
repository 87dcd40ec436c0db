import type { JWTPayload } from 'jose';
import { AuthError } from '../auth-error.js';

/**
 * Rule 9: an Entra token for a single-tenant registration names the app's own tenant in `tid`
 * (its issuer already does; this refuses a token whose claims disagree with its issuer).
 */
export function checkEntraTenant(claims: JWTPayload, appTenantId: string): void {
  const { tid } = claims;
  if (typeof tid !== 'string' || tid.toLowerCase() !== appTenantId.toLowerCase()) {
    throw new AuthError(401, 'entra-tenant', 'the Entra token is not from the app tenant');
  }
}
