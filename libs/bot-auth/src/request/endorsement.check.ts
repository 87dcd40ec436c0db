import { AuthError } from '../auth-error.js';

/**
 * Rule 7: the key that signed a channel token endorses the activity's channel id. Per the Bot
 * Connector authentication doc (step 3): "If the endorsement is not present, your bot should reject
 * the request by returning an HTTP 403 (Forbidden)" — 403, although botbuilder's JwtTokenExtractor
 * answers 401. Every published channel id requires an endorsement by default (same step), so a
 * channel key without `endorsements` endorses nothing.
 */
export function checkEndorsement(endorsements: readonly string[] | undefined, channelId: string | undefined): void {
  if (channelId === undefined || !endorsements?.includes(channelId)) {
    throw new AuthError(403, 'endorsement', `the signing key is not endorsed for channel ${String(channelId)}`);
  }
}
