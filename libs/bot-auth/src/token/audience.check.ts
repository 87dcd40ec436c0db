import type { JWTPayload } from 'jose';
import { AuthError } from '../auth-error.js';

/**
 * Rule 5: `aud` is the bot's app id (Bot Connector authentication doc, step 4, requirement 4).
 * Accepted: the string itself, or a one-element array holding it (RFC 7519 §4.1.3 lets a single
 * audience be either). Refused: arrays naming other audiences too — a token meant for several
 * parties is not a token for this bot alone. Compared case-sensitively, as botbuilder's isValidAppId.
 */
export function checkAudience(claims: JWTPayload, appId: string): void {
  const { aud } = claims;
  const ours = aud === appId || (Array.isArray(aud) && aud.length === 1 && aud[0] === appId);
  if (!ours) throw new AuthError(401, 'audience', 'the token is not for this bot');
}
