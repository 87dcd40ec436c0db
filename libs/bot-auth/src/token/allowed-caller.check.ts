import type { JWTPayload } from 'jose';
import { AuthError } from '../auth-error.js';

/**
 * Rule 9 (Entra path): the app that obtained the token is an allowed caller, not merely any app
 * of the tenant that asked Entra for a token with `aud` = the bot. Entra names that app in `appid`
 * (v1.0 tokens) or `azp` (v2.0), chosen by `ver` (Bot Connector authentication doc, Emulator
 * requirement 5; botbuilder JwtTokenValidation.getAppIdFromClaims, checked against the
 * AllowedCallers list by AllowedCallersClaimsValidator). No known version, no app id, or an app
 * not listed → 401. App ids are GUIDs, compared case-insensitively.
 */
export function checkAllowedCaller(claims: JWTPayload, allowedCallerAppIds: readonly string[]): void {
  const caller = callingAppId(claims)?.toLowerCase();
  if (caller === undefined || !allowedCallerAppIds.some((appId) => appId.toLowerCase() === caller)) {
    throw new AuthError(401, 'allowed-caller', 'the app that obtained the token is not an allowed caller');
  }
}

function callingAppId(claims: JWTPayload): string | undefined {
  const claim = claims.ver === '1.0' ? claims['appid'] : claims.ver === '2.0' ? claims['azp'] : undefined;
  return typeof claim === 'string' ? claim : undefined;
}
