import { createHash } from 'node:crypto';
import {
  codeExpired,
  codeMalformed,
  codeOfOtherTenant,
  codeRedeemed,
  codeVerifierMismatch,
  redirectUriMismatch,
} from './authorization-code-errors.js';
import type { CodeGrant } from './authorization-codes.js';
import { authenticateClient, type TokenRequest } from './client-auth.js';
import { grantDelegatedScope, parseDelegatedScope } from './delegated-scopes.js';
import type { EntraError } from './entra-errors.js';
import { grantFailed, tokenResponse, type Grant, type GrantDeps } from './token-grants.js';
import { issueGraphUserToken, issueIdToken } from './user-tokens.js';

function pkceMatches(grant: CodeGrant, verifier: string | null): boolean {
  if (!grant.codeChallenge) return true;
  if (!verifier) return false;
  const derived = grant.codeChallengeMethod === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return derived === grant.codeChallenge;
}

/** Redeems the code (once: any later use is AADSTS54005), then its checks: tenant, redirect URI, PKCE verifier. */
function redeemCode(request: TokenRequest, deps: GrantDeps): { grant: CodeGrant } | { failure: EntraError } {
  const lookup = deps.codes.redeem(request.form.get('code') ?? '');
  if (lookup.found !== 'valid') {
    const failures = { unknown: codeMalformed, redeemed: codeRedeemed, expired: codeExpired };
    return { failure: failures[lookup.found]() };
  }
  const { grant } = lookup;
  if (grant.tenantId !== request.tenantId) return { failure: codeOfOtherTenant() };
  const redirectUri = request.form.get('redirect_uri') ?? '';
  if (redirectUri !== grant.redirectUri) return { failure: redirectUriMismatch(redirectUri, grant.redirectUri) };
  if (!pkceMatches(grant, request.form.get('code_verifier'))) return { failure: codeVerifierMismatch() };
  return { grant };
}

/**
 * grant_type=authorization_code (auth code flow doc, "Redeem a code for an access token"): a delegated Graph
 * token for the user who signed in and, when `openid` was asked for, a v2.0 id_token for the app.
 */
export const authorizationCode: Grant = async (request, deps) => {
  const { app } = deps;
  const clientFailure = authenticateClient(request, app, ['code', 'redirect_uri']);
  if (clientFailure) return grantFailed(clientFailure);
  const redeemed = redeemCode(request, deps);
  if ('failure' in redeemed) return grantFailed(redeemed.failure);
  const { grant } = redeemed;
  const requested = parseDelegatedScope(request.form.get('scope') || grant.scope);
  if (!requested.ok) return grantFailed(requested.failure);
  const user = deps.users.get(grant.userId);
  const granted = grantDelegatedScope(requested.value, user.consented, app);
  if (!granted.ok) return grantFailed(granted.failure);
  const times = { lifetimeSeconds: deps.lifetimeSeconds };
  const accessToken = await issueGraphUserToken(deps.key, { ...times, user, tenantId: grant.tenantId, clientId: app.appId, clientName: app.appName, scp: granted.value.scp });
  const signedIn = parseDelegatedScope(grant.scope);
  const oidc = signedIn.ok ? signedIn.value.oidc : [];
  const idToken = oidc.includes('openid')
    ? await issueIdToken(deps.key, { ...times, user, tenantId: grant.tenantId, clientId: app.appId, email: oidc.includes('email'), ...(grant.nonce ? { nonce: grant.nonce } : {}) })
    : undefined;
  const scope = [granted.value.scope, ...requested.value.oidc.filter((name) => name !== 'offline_access')].join(' ');
  return tokenResponse(accessToken, deps.lifetimeSeconds, { scope, ...(idToken ? { idToken } : {}) });
};
