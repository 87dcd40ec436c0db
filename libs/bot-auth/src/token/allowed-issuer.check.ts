import { decodeJwt } from 'jose';
import { AuthError } from '../auth-error.js';

/** One way in: the issuers it accepts, and what it is called in the result. */
export interface IssuerRoute<Path extends string> {
  readonly path: Path;
  readonly issuers: readonly string[];
}

/**
 * Rule 2: the token's `iss`, read before any signature or key work, must be one a route accepts
 * (botbuilder JwtTokenExtractor.hasAllowedIssuer: "Issuer isn't allowed? No need to check signature").
 * The signature later covers the same payload, so this is also the verified `iss` = issuer check.
 */
export function routeForIssuer<Route extends IssuerRoute<string>>(token: string, routes: readonly Route[]): Route {
  const issuer = unverifiedIssuer(token);
  const route = routes.find((candidate) => issuer !== undefined && candidate.issuers.includes(issuer));
  if (!route) throw new AuthError(401, 'allowed-issuer', 'the token issuer is not accepted');
  return route;
}

function unverifiedIssuer(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return iss;
  } catch {
    throw new AuthError(401, 'allowed-issuer', 'the token is not a readable JWT');
  }
}
