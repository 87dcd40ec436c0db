import { createHash, randomBytes } from 'node:crypto';
import { nowInSeconds, signJwt, type SigningKey } from '../keys.js';
import { v1Issuer, v2Issuer } from './tenants.js';

export const BOT_FRAMEWORK_RESOURCE = 'https://api.botframework.com';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

/** What a `/.default` scope asks for: the audience and the token version that resource accepts. */
export interface RequestedResource {
  readonly audience: string;
  readonly version: '1.0' | '2.0';
}

/**
 * Microsoft's own APIs (Bot Framework, Graph) receive v1.0 tokens; the bot's own app id as resource (the
 * emulator scope "app id + /.default") receives a v2.0 token with `aud` = app id.
 */
export function resolveScope(scope: string, appId: string): RequestedResource | undefined {
  const scopes = scope.split(' ').filter(Boolean);
  if (scopes.length !== 1) return undefined;
  switch (scopes[0]?.toLowerCase()) {
    case `${BOT_FRAMEWORK_RESOURCE}/.default`:
      return { audience: BOT_FRAMEWORK_RESOURCE, version: '1.0' };
    case `${GRAPH_RESOURCE}/.default`:
      return { audience: GRAPH_RESOURCE, version: '1.0' };
    case `${appId.toLowerCase()}/.default`:
    case `api://${appId.toLowerCase()}/.default`:
      return { audience: appId, version: '2.0' };
    default:
      return undefined;
  }
}

/** A stable GUID-shaped id (the app's service principal object id) derived from its inputs. */
function stableGuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface AccessTokenRequest {
  readonly clientId: string;
  readonly tenantId: string;
  readonly resource: RequestedResource;
  readonly lifetimeSeconds: number;
  /** App roles granted to the client on the resource (`roles` claim). */
  readonly roles?: readonly string[];
}

/** An app-only access token with the claims of the samples in the Bot Connector auth doc and SDK tests. */
export async function issueAccessToken(key: SigningKey, request: AccessTokenRequest): Promise<string> {
  const { clientId, tenantId, resource, lifetimeSeconds } = request;
  const now = nowInSeconds();
  const objectId = stableGuid(clientId, tenantId);
  const common = {
    aud: resource.audience,
    iat: now,
    nbf: now,
    exp: now + lifetimeSeconds,
    idtyp: 'app',
    oid: objectId,
    sub: objectId,
    tid: tenantId,
    uti: randomBytes(16).toString('base64url'),
    ver: resource.version,
    ...(request.roles?.length ? { roles: [...request.roles] } : {}),
  };
  const claims =
    resource.version === '1.0'
      ? { ...common, iss: v1Issuer(tenantId), appid: clientId, appidacr: '1', idp: v1Issuer(tenantId) }
      : { ...common, iss: v2Issuer(tenantId), azp: clientId, azpacr: '1' };
  return signJwt(key, claims);
}
