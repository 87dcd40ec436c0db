import type { JWTPayload } from 'jose';
import { AuthError } from '../auth-error.js';

/** "Industry-standard clock-skew is 5 minutes" (Bot Connector authentication doc, step 4). */
export const CLOCK_SKEW_SECONDS = 5 * 60;

/**
 * Rule 5: within its validity period, 5 minutes' skew either side. `exp` and `nbf` are required
 * NumericDates. Expired when now ≥ exp + skew; not yet valid when now < nbf − skew.
 */
export function checkLifetime(claims: JWTPayload, nowMs: number): void {
  const { exp, nbf } = claims;
  if (!isNumericDate(exp) || !isNumericDate(nbf)) {
    throw new AuthError(401, 'lifetime', 'the token needs numeric exp and nbf claims');
  }
  const now = nowMs / 1000;
  if (now >= exp + CLOCK_SKEW_SECONDS) throw new AuthError(401, 'lifetime', 'the token has expired');
  if (now < nbf - CLOCK_SKEW_SECONDS) throw new AuthError(401, 'lifetime', 'the token is not valid yet');
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
