import { consentRequired } from './assertion-errors.js';
import { invalidScope, type EntraError } from './entra-errors.js';
import { GRAPH_RESOURCE } from './entra-tokens.js';

/** OpenID Connect scopes: they name no resource and are granted with any token. */
const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
/** The delegated Graph permissions the bot's registration asks for (what a user consents to). */
const BOT_GRAPH_PERMISSIONS = ['User.Read'];
/** OIDC scopes a delegated Graph token always carries in `scp`. */
const TOKEN_OIDC_SCOPES = ['openid', 'profile', 'email'];

/** What a delegated token request asks for: Graph permissions (or `.default`) and OIDC scopes. */
export interface DelegatedScope {
  readonly graph: readonly string[];
  readonly oidc: readonly string[];
}

export interface GrantedScope {
  /** The `scp` claim of the Graph token. */
  readonly scp: string;
  /** The `scope` of the token response: the Graph permissions, resource-qualified, as Entra writes them. */
  readonly scope: string;
}

const GRAPH_PREFIX = `${GRAPH_RESOURCE}/`;

/**
 * Parses `scope`: `https://graph.microsoft.com/User.Read`, `https://graph.microsoft.com/.default`, a bare
 * permission (Graph is the default resource of the v2.0 endpoint) and OIDC scopes. Any other resource is
 * unknown to the sim: 400 invalid_scope AADSTS70011.
 */
export function parseDelegatedScope(scope: string): { ok: true; value: DelegatedScope } | { ok: false; failure: EntraError } {
  const graph: string[] = [];
  const oidc: string[] = [];
  for (const item of scope.split(' ').filter(Boolean)) {
    const lower = item.toLowerCase();
    if (OIDC_SCOPES.includes(lower)) oidc.push(lower);
    else if (lower.startsWith(GRAPH_PREFIX)) graph.push(item.slice(GRAPH_PREFIX.length));
    else if (/^[A-Za-z][\w.]*$/.test(item)) graph.push(item);
    else return { ok: false, failure: invalidScope(scope) };
  }
  return { ok: true, value: { graph, oidc } };
}

/**
 * The permissions Entra grants without asking: `.default` (or no resource at all) means every permission the
 * bot's registration lists; a permission it does not list, or a user who never consented, needs an
 * interactive consent: 400 invalid_grant AADSTS65001 consent_required.
 */
export function grantDelegatedScope(
  requested: DelegatedScope,
  consented: boolean,
  app: { appId: string; appName: string },
): { ok: true; value: GrantedScope } | { ok: false; failure: EntraError } {
  const asksDefault = requested.graph.length === 0 || requested.graph.some((name) => name.toLowerCase() === '.default');
  const known = (name: string) => BOT_GRAPH_PERMISSIONS.find((permission) => permission.toLowerCase() === name.toLowerCase());
  const wanted = asksDefault ? BOT_GRAPH_PERMISSIONS : requested.graph.map((name) => known(name) ?? name);
  if (!consented || wanted.some((name) => !known(name))) return { ok: false, failure: consentRequired(app.appId, app.appName) };
  const unique = [...new Set(wanted)];
  return {
    ok: true,
    value: { scp: [...unique, ...TOKEN_OIDC_SCOPES].join(' '), scope: unique.map((name) => `${GRAPH_PREFIX}${name}`).join(' ') },
  };
}
