import type { JWTPayload } from 'jose';
import { AuthError } from '../auth-error.js';

/**
 * Rule 6: the channel token's `serviceurl` claim matches `activity.serviceUrl` (Bot Connector
 * authentication doc, step 4, requirement 7). Missing claim or mismatch → 403: the caller is
 * authentic but may not act for that service URL.
 */
export function checkServiceUrlClaim(claims: JWTPayload, serviceUrl: string): void {
  const claim = claims['serviceurl'];
  if (typeof claim !== 'string') throw new AuthError(403, 'service-url', 'the token has no serviceurl claim');
  if (!sameServiceUrl(claim, serviceUrl)) throw new AuthError(403, 'service-url', 'serviceUrl does not match the token');
}

/** Same scheme, host (case-insensitive, as URL parsing lower-cases it), port, path (trailing slashes ignored) and query. */
export function sameServiceUrl(a: string, b: string): boolean {
  const left = normalisedServiceUrl(a);
  return left !== undefined && left === normalisedServiceUrl(b);
}

function normalisedServiceUrl(value: string): string | undefined {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  } catch {
    return undefined;
  }
}
