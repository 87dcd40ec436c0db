import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SigningKey } from '../keys.js';
import {
  applicationNotFound,
  entraErrorBody,
  invalidClientSecret,
  invalidScope,
  missingClientCredential,
  missingParameter,
  tenantNotFound,
  unsupportedGrantType,
  type EntraError,
} from './entra-errors.js';
import { issueAccessToken, resolveScope, type RequestedResource } from './entra-tokens.js';
import { resolveTenantId } from './tenants.js';

export interface TokenRoutesDeps {
  readonly key: SigningKey;
  readonly appId: string;
  readonly appPassword: string;
  readonly lifetimeSeconds: number;
  readonly countRequest: () => void;
}

interface ClientCredentialsRequest {
  readonly tenant: string;
  readonly form: URLSearchParams;
  readonly basic: { clientId: string; secret: string } | undefined;
}

type Outcome = { ok: true; tenantId: string; resource: RequestedResource } | { ok: false; failure: EntraError };

/** The client_secret_basic form of client authentication (RFC 6749 §2.3.1), which Entra also accepts. */
function basicCredentials(header: string | undefined): ClientCredentialsRequest['basic'] {
  if (!header?.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unescape = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
  return { clientId: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

/** Entra's checks, in its order: tenant, grant type, client, client credential, scope. */
function checkRequest(request: ClientCredentialsRequest, deps: TokenRoutesDeps): Outcome {
  const fail = (failure: EntraError): Outcome => ({ ok: false, failure });
  const { form, tenant, basic } = request;
  const tenantId = resolveTenantId(tenant);
  if (!tenantId) return fail(tenantNotFound(tenant));
  const grantType = form.get('grant_type');
  if (!grantType) return fail(missingParameter('grant_type'));
  if (grantType !== 'client_credentials') return fail(unsupportedGrantType());
  const clientId = form.get('client_id') ?? basic?.clientId;
  if (!clientId) return fail(missingParameter('client_id'));
  const scope = form.get('scope');
  if (!scope) return fail(missingParameter('scope'));
  if (clientId.toLowerCase() !== deps.appId.toLowerCase()) return fail(applicationNotFound(clientId, tenant));
  const secret = form.get('client_secret') ?? basic?.secret;
  if (secret === undefined) return fail(missingClientCredential());
  if (secret !== deps.appPassword) return fail(invalidClientSecret(clientId));
  const resource = resolveScope(scope, deps.appId);
  if (!resource) return fail(invalidScope(scope));
  return { ok: true, tenantId, resource };
}

async function handleTokenRequest(
  deps: TokenRoutesDeps,
  request: FastifyRequest<{ Params: { tenant: string } }>,
  reply: FastifyReply,
) {
  deps.countRequest();
  reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache');
  const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
  const basic = basicCredentials(request.headers.authorization);
  const outcome = checkRequest({ tenant: request.params.tenant, form, basic }, deps);
  if (!outcome.ok) return reply.code(outcome.failure.status).send(entraErrorBody(outcome.failure));
  const accessToken = await issueAccessToken(deps.key, {
    clientId: deps.appId,
    tenantId: outcome.tenantId,
    resource: outcome.resource,
    lifetimeSeconds: deps.lifetimeSeconds,
  });
  return {
    token_type: 'Bearer',
    expires_in: deps.lifetimeSeconds,
    ext_expires_in: deps.lifetimeSeconds,
    access_token: accessToken,
  };
}

/** POST /{tenant}/oauth2/v2.0/token: the client credentials grant with a shared secret. */
export async function tokenRoutes(app: FastifyInstance, deps: TokenRoutesDeps): Promise<void> {
  // Entra reads only form bodies; anything else arrives as an empty form (and fails like Entra: missing grant_type).
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, _body, done) => done(null, ''));
  app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/token', (request, reply) =>
    handleTokenRequest(deps, request, reply),
  );
}
