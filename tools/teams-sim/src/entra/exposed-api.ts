import { invalidScope, type EntraError } from './entra-errors.js';

/**
 * The web API the bot's app registration exposes (Entra "Expose an API"): its Application ID URIs,
 * its delegated scopes, and the token version its manifest's `accessTokenAcceptedVersion` asks for.
 */
export interface ExposedApi {
  readonly appId: string;
  /** e.g. `api://botid-{appId}` (Teams bot SSO) or `api://{domain}/{appId}` (tab SSO). */
  readonly identifierUris: readonly string[];
  /** Delegated permissions (`scp`), e.g. `access_as_user`. */
  readonly scopes: readonly string[];
  /** 2: v2.0 tokens, `aud` = the app id; 1 (Entra's default for null): v1.0 tokens, `aud` = the Application ID URI asked for. */
  readonly accessTokenAcceptedVersion: 1 | 2;
}

/** What a token request asks of the API: the resource as the scope named it, and the scope names. */
export interface ApiScopeRequest {
  readonly resource: string;
  readonly scopes: readonly string[];
  /** OIDC scopes asked for alongside (openid, profile, email, offline_access). */
  readonly oidc: readonly string[];
}

export interface GrantedApiScope {
  readonly audience: string;
  readonly version: '1.0' | '2.0';
  /** The `scp` claim. */
  readonly scp: string;
  /** The token response's `scope`: each permission, resource-qualified. */
  readonly scope: string;
}

const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export const defaultExposedApi = (appId: string, identifierUris?: readonly string[]): ExposedApi => ({
  appId,
  identifierUris: identifierUris ?? [`api://botid-${appId}`, `api://${appId}`],
  scopes: ['access_as_user'],
  accessTokenAcceptedVersion: 2,
});

/** The API resource an item of `scope` names (an Application ID URI, or the app id itself), longest first. */
function resourceOf(item: string, api: ExposedApi): string | undefined {
  const lower = item.toLowerCase();
  return [...api.identifierUris, api.appId]
    .sort((a, b) => b.length - a.length)
    .find((resource) => lower.startsWith(`${resource.toLowerCase()}/`));
}

/** Entra refuses a token request for two resources at once (scopes of several APIs). */
export const moreThanOneResource = (scope: string): EntraError => ({
  status: 400,
  error: 'invalid_scope',
  code: 28000,
  message: `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${scope} is not valid.`,
});

/**
 * The API scopes `scope` asks for, if it names the API at all (undefined: not this API's request). Any other
 * resource beside it: AADSTS28000; a scope the API does not expose: AADSTS70011.
 */
export function parseApiScope(scope: string, api: ExposedApi): { ok: true; value: ApiScopeRequest | undefined } | { ok: false; failure: EntraError } {
  const items = scope.split(' ').filter(Boolean);
  const named = items.map((item) => resourceOf(item, api));
  const resource = named.find((found) => found !== undefined);
  if (!resource) return { ok: true, value: undefined };
  const oidc = items.filter((item) => OIDC_SCOPES.includes(item.toLowerCase())).map((item) => item.toLowerCase());
  const others = items.filter((item, at) => named[at] === undefined && !OIDC_SCOPES.includes(item.toLowerCase()));
  if (others.length > 0 || named.some((found) => found !== undefined && found !== resource)) return { ok: false, failure: moreThanOneResource(scope) };
  const scopes = items.filter((_, at) => named[at] !== undefined).map((item) => item.slice(resource.length + 1));
  const known = (name: string) => name === '.default' || api.scopes.some((exposed) => exposed.toLowerCase() === name.toLowerCase());
  if (!scopes.every(known)) return { ok: false, failure: invalidScope(scope) };
  return { ok: true, value: { resource, scopes, oidc } };
}

/** What the token carries: `.default` means every exposed scope; `aud` by the accepted token version. */
export function grantApiScope(request: ApiScopeRequest, api: ExposedApi): GrantedApiScope {
  const names = request.scopes.includes('.default') ? api.scopes : request.scopes.map((name) => api.scopes.find((exposed) => exposed.toLowerCase() === name.toLowerCase()) ?? name);
  const unique = [...new Set(names)];
  const v2 = api.accessTokenAcceptedVersion === 2;
  return {
    audience: v2 ? api.appId : request.resource,
    version: v2 ? '2.0' : '1.0',
    scp: unique.join(' '),
    scope: unique.map((name) => `${request.resource}/${name}`).join(' '),
  };
}
