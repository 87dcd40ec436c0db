import type { JWTPayload } from 'jose';
import { checkAllowedCaller } from './token/allowed-caller.check.js';
import { routeForIssuer } from './token/allowed-issuer.check.js';
import { checkAudience } from './token/audience.check.js';
import { checkEntraTenant } from './token/entra-tenant.check.js';
import { checkLifetime } from './token/lifetime.check.js';
import { verifySignature } from './token/signature.check.js';
import { checkSigningAlgorithm } from './token/signing-algorithm.check.js';
import type { CallerPath, TokenRoute } from './token-routes.js';

/** What a token proved on its own, before the activity it came with is looked at. */
export interface VerifiedToken {
  readonly path: CallerPath;
  readonly claims: Readonly<JWTPayload>;
  /** The signing key's `endorsements` (Bot Framework keys list them; Entra keys do not). */
  readonly endorsements: readonly string[] | undefined;
  /** Epoch ms until which the result may be reused: the token's `exp`. */
  readonly expiresAtMs: number;
}

export interface TokenExpectations {
  readonly appId: string;
  readonly appTenantId: string | undefined;
  readonly allowedCallerAppIds: readonly string[];
  readonly now: () => number;
}

/** Rules 2–5 and 9's token parts, cheapest first: issuer and header before any key lookup, claims after the signature. */
export async function verifyToken(
  token: string,
  routes: readonly TokenRoute[],
  expected: TokenExpectations,
): Promise<VerifiedToken> {
  const route = routeForIssuer(token, routes);
  const { kid } = checkSigningAlgorithm(token);
  const signingKey = await route.keys.getKey(kid);
  const claims = Object.freeze(await verifySignature(token, signingKey.key));
  checkAudience(claims, expected.appId);
  checkLifetime(claims, expected.now());
  if (route.path === 'entra') {
    checkEntraTenant(claims, expected.appTenantId ?? '');
    checkAllowedCaller(claims, expected.allowedCallerAppIds);
  }
  return { path: route.path, claims, endorsements: signingKey.endorsements, expiresAtMs: (claims.exp ?? 0) * 1000 };
}
