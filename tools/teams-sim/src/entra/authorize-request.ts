import {
  authorizeMissing,
  invalidCodeChallenge,
  noReplyAddress,
  replyAddressNotRegistered,
  unknownAccount,
  unknownClient,
  unknownTenant,
  unsupportedResponseMode,
  unsupportedResponseType,
  type AuthorizeError,
} from './authorization-code-errors.js';
import type { CodeGrant } from './authorization-codes.js';
import type { AppRegistration } from './client-auth.js';
import { isMultiTenantAuthority, resolveTenantId } from './tenants.js';
import { CHAT_USER_AAD_OBJECT_ID, type EntraUser, type UserDirectory } from './user-directory.js';

export type ResponseMode = 'query' | 'fragment' | 'form_post';

export interface AuthorizeDeps {
  readonly app: AppRegistration;
  readonly users: UserDirectory;
  /** The redirect URIs registered for the app; undefined: any https URL, or http on a loopback host. */
  readonly redirectUris?: readonly string[];
}

/** Where the answer goes once the redirect URI is known to be the app's. */
export interface ReplyTo {
  readonly redirectUri: string;
  readonly mode: ResponseMode;
  readonly state: string | undefined;
}

/** What the authorize endpoint does: show an error page, send an error to the app, or sign the user in. */
export type AuthorizeOutcome =
  | { kind: 'page'; failure: AuthorizeError }
  | { kind: 'redirect-error'; replyTo: ReplyTo; failure: AuthorizeError }
  | { kind: 'signed-in'; replyTo: ReplyTo; grant: CodeGrant };

type Query = Record<string, string | undefined>;
const MODES: readonly ResponseMode[] = ['query', 'fragment', 'form_post'];

function isAllowedRedirect(uri: string, registered: readonly string[] | undefined): boolean {
  if (registered) return registered.includes(uri);
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

/** Errors Entra shows on its own page: it cannot trust the redirect URI (yet). */
function pageFailure(tenant: string, query: Query, deps: AuthorizeDeps): AuthorizeError | undefined {
  if (!resolveTenantId(tenant) && !isMultiTenantAuthority(tenant)) return unknownTenant(tenant);
  const clientId = query['client_id'];
  if (!clientId) return authorizeMissing('client_id');
  if (clientId.toLowerCase() !== deps.app.appId.toLowerCase()) return unknownClient(clientId, tenant);
  const redirectUri = query['redirect_uri'];
  if (!redirectUri) return noReplyAddress();
  if (!isAllowedRedirect(redirectUri, deps.redirectUris)) return replyAddressNotRegistered(redirectUri, deps.app.appId);
  return undefined;
}

/** Errors Entra sends to the app's redirect URI. */
function requestFailure(query: Query): AuthorizeError | undefined {
  const mode = query['response_mode'];
  if (mode && !MODES.includes(mode as ResponseMode)) return unsupportedResponseMode(mode);
  const responseType = query['response_type'];
  if (!responseType) return authorizeMissing('response_type');
  if (responseType !== 'code') return unsupportedResponseType(responseType);
  if (!query['scope']) return authorizeMissing('scope');
  const challenge = query['code_challenge'];
  if (challenge !== undefined && (challenge.length < 43 || challenge.length > 128)) return invalidCodeChallenge();
  const method = query['code_challenge_method'];
  if (method !== undefined && (challenge === undefined || !['plain', 'S256'].includes(method))) return invalidCodeChallenge();
  return undefined;
}

/** The user who signs in, without UI: the one `login_hint` names, else the chat page user. */
function signInUser(query: Query, users: UserDirectory): EntraUser | undefined {
  const hint = query['login_hint'];
  return hint ? users.findByUpn(hint) : users.get(CHAT_USER_AAD_OBJECT_ID);
}

/** Entra's authorize checks in its order, then the silent sign-in of the user (who accepts any consent prompt). */
export function authorize(tenant: string, query: Query, deps: AuthorizeDeps): AuthorizeOutcome {
  const page = pageFailure(tenant, query, deps);
  if (page) return { kind: 'page', failure: page };
  const mode = MODES.includes(query['response_mode'] as ResponseMode) ? (query['response_mode'] as ResponseMode) : 'query';
  const replyTo: ReplyTo = { redirectUri: query['redirect_uri'] ?? '', mode, state: query['state'] };
  const failure = requestFailure(query);
  if (failure) return { kind: 'redirect-error', replyTo, failure };
  const user = signInUser(query, deps.users);
  if (!user) return { kind: 'page', failure: unknownAccount(query['login_hint'] ?? '', tenant) };
  deps.users.set(user.id, { consented: true });
  const challenge = query['code_challenge'];
  const grant: CodeGrant = {
    clientId: deps.app.appId,
    tenantId: resolveTenantId(tenant) ?? user.tenantId,
    ...(isMultiTenantAuthority(tenant) ? { authority: tenant.toLowerCase() } : {}),
    redirectUri: replyTo.redirectUri,
    scope: query['scope'] ?? '',
    userId: user.id,
    ...(query['nonce'] ? { nonce: query['nonce'] } : {}),
    ...(challenge ? { codeChallenge: challenge, codeChallengeMethod: query['code_challenge_method'] === 'S256' ? 'S256' : 'plain' } : {}),
  };
  return { kind: 'signed-in', replyTo, grant };
}
