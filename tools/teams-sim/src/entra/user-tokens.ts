import { createHash, randomBytes } from 'node:crypto';
import { nowInSeconds, signJwt, type SigningKey } from '../keys.js';
import { GRAPH_RESOURCE } from './entra-tokens.js';
import { v1Issuer, v2Issuer } from './tenants.js';
import type { EntraUser } from './user-directory.js';

/** The Teams client (desktop, web and mobile) as Entra knows it: the app that gets SSO tokens for bots and tabs. */
export const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
/** The Teams web client as Entra knows it (the second client an app authorizes for tab SSO). */
export const TEAMS_WEB_CLIENT_ID = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';

/** The validity window of a token: iat = now, nbf = iat + notBeforeSeconds, exp = now + lifetimeSeconds. */
export interface TokenTimes {
  readonly lifetimeSeconds: number;
  readonly notBeforeSeconds?: number;
}

/** An already expired token (lifetime ≤ 0) was issued an hour before it expired, as a real one would have been. */
function times({ lifetimeSeconds, notBeforeSeconds = 0 }: TokenTimes) {
  const now = nowInSeconds();
  const exp = now + lifetimeSeconds;
  const iat = lifetimeSeconds > 0 ? now : exp - 3_600;
  return { iat, nbf: iat + notBeforeSeconds, exp };
}

/** `sub` is pairwise: the same user has another subject for each app (access token claims reference). */
export const pairwiseSubject = (objectId: string, appId: string): string =>
  createHash('sha256').update(`${objectId.toLowerCase()}|${appId.toLowerCase()}`).digest('base64url').slice(0, 43);

const tokenId = (): string => randomBytes(16).toString('base64url');

export interface SsoTokenRequest extends TokenTimes {
  readonly user: EntraUser;
  readonly tenantId: string;
  readonly audience: string;
  readonly version: '1.0' | '2.0';
  readonly scp: string;
  /** The app that obtained the token (`azp`/`appid`) and how it authenticated (0 public, 1 secret); default the Teams client. */
  readonly client?: { readonly id: string; readonly acr: '0' | '1' };
}

/**
 * The access token the Teams client obtains silently for a bot's SSO resource (Teams "Add code to enable
 * SSO in your bot app", example access token): a delegated token of the user for the bot, obtained by the
 * Teams client (a public client: azpacr / appidacr 0). v1.0 tokens carry `appid`, `upn` and `unique_name`.
 */
export async function issueUserSsoToken(key: SigningKey, request: SsoTokenRequest): Promise<string> {
  const { user, tenantId, audience, scp } = request;
  const client = request.client ?? { id: TEAMS_CLIENT_ID, acr: '0' };
  const common = {
    aud: audience,
    ...times(request),
    name: user.displayName,
    oid: user.id,
    scp,
    sub: pairwiseSubject(user.id, audience),
    tid: tenantId,
    uti: tokenId(),
    ver: request.version,
  };
  if (request.version === '2.0') {
    return signJwt(key, { ...common, iss: v2Issuer(tenantId), azp: client.id, azpacr: client.acr, preferred_username: user.userPrincipalName });
  }
  return signJwt(key, { ...common, ...v1UserClaims(user, tenantId), appid: client.id, appidacr: client.acr });
}

function v1UserClaims(user: EntraUser, tenantId: string) {
  return {
    iss: v1Issuer(tenantId),
    acr: '1',
    amr: ['pwd'],
    family_name: user.surname ?? undefined,
    given_name: user.givenName ?? undefined,
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
  };
}

export interface GraphTokenRequest extends TokenTimes {
  readonly user: EntraUser;
  readonly tenantId: string;
  /** The app the token was issued to (`appid`), and its display name (`app_displayname`). */
  readonly clientId: string;
  readonly clientName: string;
  /** Space-separated delegated permissions. */
  readonly scp: string;
}

/** A v1.0 delegated Microsoft Graph token, as in the on-behalf-of doc's success example. */
export async function issueGraphUserToken(key: SigningKey, request: GraphTokenRequest): Promise<string> {
  const { user, tenantId } = request;
  return signJwt(key, {
    aud: GRAPH_RESOURCE,
    ...times(request),
    ...v1UserClaims(user, tenantId),
    app_displayname: request.clientName,
    appid: request.clientId,
    appidacr: '1',
    idtyp: 'user',
    name: user.displayName,
    oid: user.id,
    scp: request.scp,
    sub: pairwiseSubject(user.id, GRAPH_RESOURCE),
    tid: tenantId,
    uti: tokenId(),
    ver: '1.0',
  });
}

export interface IdTokenRequest extends TokenTimes {
  readonly user: EntraUser;
  readonly tenantId: string;
  /** The app that signed the user in: the id_token's audience. */
  readonly clientId: string;
  /** The authorize request's nonce, echoed for replay protection. */
  readonly nonce?: string;
  /** Whether the `email` scope was granted (adds the `email` claim when the user has a mail address). */
  readonly email: boolean;
}

/** A v2.0 id_token (ID token claims reference): who signed in, for the app that asked. */
export async function issueIdToken(key: SigningKey, request: IdTokenRequest): Promise<string> {
  const { user, tenantId, clientId } = request;
  return signJwt(key, {
    aud: clientId,
    iss: v2Issuer(tenantId),
    ...times(request),
    ...(request.email && user.mail ? { email: user.mail } : {}),
    name: user.displayName,
    nonce: request.nonce,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    sub: pairwiseSubject(user.id, clientId),
    tid: tenantId,
    uti: tokenId(),
    ver: '2.0',
  });
}
