import type { ExposedApi } from './exposed-api.js';
import {
  applicationNotFound,
  invalidClientSecret,
  missingClientCredential,
  missingParameter,
  type EntraError,
} from './entra-errors.js';

/** A token request as the grants read it. */
export interface TokenRequest {
  /** The `{tenant}` path segment as sent, and the tenant id it names. */
  readonly tenant: string;
  readonly tenantId: string;
  readonly form: URLSearchParams;
  readonly basic: { clientId: string; secret: string } | undefined;
}

/** The one app registration the sim knows: the bot. */
export interface AppRegistration {
  readonly appId: string;
  readonly appPassword: string;
  /** Its display name, as Entra's messages name it. */
  readonly appName: string;
  /** The web API it exposes (Application ID URIs, `access_as_user`); none: only Graph's scopes are known. */
  readonly api?: ExposedApi;
}

/** The client_secret_basic form of client authentication (RFC 6749 §2.3.1), which Entra also accepts. */
export function basicCredentials(header: string | undefined): TokenRequest['basic'] {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unescape = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
  return { clientId: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

/**
 * Entra's checks of the client, in its order: `client_id`, the grant's required parameters, the app in the
 * directory, a client secret (form or Basic header) and its value. Undefined when the client is the bot.
 */
export function authenticateClient(
  request: TokenRequest,
  app: AppRegistration,
  requiredParameters: readonly string[],
): EntraError | undefined {
  const { form, basic, tenant } = request;
  const clientId = form.get('client_id') ?? basic?.clientId;
  if (!clientId) return missingParameter('client_id');
  const missing = requiredParameters.find((name) => !form.get(name));
  if (missing) return missingParameter(missing);
  if (clientId.toLowerCase() !== app.appId.toLowerCase()) return applicationNotFound(clientId, tenant);
  const secret = form.get('client_secret') ?? basic?.secret;
  if (secret === undefined) return missingClientCredential();
  if (secret !== app.appPassword) return invalidClientSecret(clientId);
  return undefined;
}
