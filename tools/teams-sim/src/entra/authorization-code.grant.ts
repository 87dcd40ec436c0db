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
import { grantApiScope, parseApiScope, type ApiScopeRequest } from './exposed-api.js';
import { grantFailed, tokenResponse, type Grant, type GrantDeps, type GrantOutcome } from './token-grants.js';
import type { EntraUser } from './user-directory.js';
import { issueGraphUserToken, issueIdToken, issueUserSsoToken } from './user-tokens.js';

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
  if (grant.tenantId !== request.tenantId && grant.authority !== request.tenant.toLowerCase()) return { failure: codeOfOtherTenant() };
  const redirectUri = request.form.get('redirect_uri') ?? '';
  if (redirectUri !== grant.redirectUri) return { failure: redirectUriMismatch(redirectUri, grant.redirectUri) };
  if (!pkceMatches(grant, request.form.get('code_verifier'))) return { failure: codeVerifierMismatch() };
  return { grant };
}

/** The id_token of the sign-in, when it asked for `openid`. */
async function idTokenOf(grant: CodeGrant, deps: GrantDeps, user: EntraUser): Promise<string | undefined> {
  const signedIn = parseDelegatedScope(grant.scope);
  const oidc = signedIn.ok ? signedIn.value.oidc : grant.scope.split(' ').map((item) => item.toLowerCase());
  if (!oidc.includes('openid')) return undefined;
  const times = { lifetimeSeconds: deps.lifetimeSeconds };
  return issueIdToken(deps.key, { ...times, user, tenantId: grant.tenantId, clientId: deps.app.appId, email: oidc.includes('email'), ...(grant.nonce ? { nonce: grant.nonce } : {}) });
}

/** A delegated token for the app's own API (its Application ID URI's scopes), obtained by the app itself. */
async function apiToken(grant: CodeGrant, deps: GrantDeps, user: EntraUser, request: ApiScopeRequest): Promise<GrantOutcome> {
  const api = deps.app.api!;
  const granted = grantApiScope(request, api);
  const accessToken = await issueUserSsoToken(deps.key, {
    user,
    tenantId: grant.tenantId,
    audience: granted.audience,
    version: granted.version,
    scp: granted.scp,
    lifetimeSeconds: deps.lifetimeSeconds,
    client: { id: deps.app.appId, acr: '1' },
  });
  const idToken = await idTokenOf(grant, deps, user);
  const scope = [granted.scope, ...request.oidc.filter((name) => name !== 'offline_access')].join(' ');
  return tokenResponse(accessToken, deps.lifetimeSeconds, { scope, ...(idToken ? { idToken } : {}) });
}

/**
 * grant_type=authorization_code (auth code flow doc, "Redeem a code for an access token"): a delegated token for
 * the resource of the requested scopes — the app's own API (its Application ID URI) or Microsoft Graph — for the
 * user who signed in and, when `openid` was asked for, a v2.0 id_token for the app.
 */
export const authorizationCode: Grant = async (request, deps) => {
  const { app } = deps;
  const clientFailure = authenticateClient(request, app, ['code', 'redirect_uri']);
  if (clientFailure) return grantFailed(clientFailure);
  const redeemed = redeemCode(request, deps);
  if ('failure' in redeemed) return grantFailed(redeemed.failure);
  const { grant } = redeemed;
  const scope = request.form.get('scope') || grant.scope;
  const user = deps.users.get(grant.userId);
  const api = app.api ? parseApiScope(scope, app.api) : ({ ok: true, value: undefined } as const);
  if (!api.ok) return grantFailed(api.failure);
  if (api.value) return apiToken(grant, deps, user, api.value);
  const requested = parseDelegatedScope(scope);
  if (!requested.ok) return grantFailed(requested.failure);
  const granted = grantDelegatedScope(requested.value, user.consented, app);
  if (!granted.ok) return grantFailed(granted.failure);
  const accessToken = await issueGraphUserToken(deps.key, { lifetimeSeconds: deps.lifetimeSeconds, user, tenantId: grant.tenantId, clientId: app.appId, clientName: app.appName, scp: granted.value.scp });
  const idToken = await idTokenOf(grant, deps, user);
  const grantedScope = [granted.value.scope, ...requested.value.oidc.filter((name) => name !== 'offline_access')].join(' ');
  return tokenResponse(accessToken, deps.lifetimeSeconds, { scope: grantedScope, ...(idToken ? { idToken } : {}) });
};
