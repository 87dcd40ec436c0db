import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorizationCode } from './authorization-code.grant.js';
import { basicCredentials, type TokenRequest } from './client-auth.js';
import { clientCredentials } from './client-credentials.grant.js';
import { entraErrorBody, missingParameter, tenantNotFound, unsupportedGrantType } from './entra-errors.js';
import { JWT_BEARER_GRANT, onBehalfOf } from './on-behalf-of.grant.js';
import { isMultiTenantAuthority, resolveTenantId } from './tenants.js';
import { grantFailed, type Grant, type GrantDeps, type GrantOutcome } from './token-grants.js';

export interface TokenRoutesDeps extends GrantDeps {
  /** Called for every request to the token endpoint (failed ones included). */
  readonly countRequest: () => void;
  /** Called for every on-behalf-of request (failed ones included). */
  readonly countOnBehalfOf: () => void;
}

type TenantParams = { Params: { tenant: string } };

/** Entra's first checks, whatever the grant: the tenant, then grant_type; then the grant's own. */
async function runGrant(deps: TokenRoutesDeps, tenant: string, form: URLSearchParams, basic: TokenRequest['basic']): Promise<GrantOutcome> {
  const grantType = form.get('grant_type');
  // A multi-tenant authority redeems the codes it issued; they name the person's own tenant.
  const tenantId = resolveTenantId(tenant) ?? (isMultiTenantAuthority(tenant) && grantType === 'authorization_code' ? tenant.toLowerCase() : undefined);
  if (!tenantId) return grantFailed(tenantNotFound(tenant));
  if (!grantType) return grantFailed(missingParameter('grant_type'));
  if (grantType === JWT_BEARER_GRANT) deps.countOnBehalfOf();
  const grants: Record<string, Grant> = { client_credentials: clientCredentials, authorization_code: authorizationCode, [JWT_BEARER_GRANT]: onBehalfOf };
  const grant = grants[grantType];
  if (!grant) return grantFailed(unsupportedGrantType());
  return grant({ tenant, tenantId, form, basic }, deps);
}

async function handleTokenRequest(deps: TokenRoutesDeps, request: FastifyRequest<TenantParams>, reply: FastifyReply) {
  deps.countRequest();
  reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache');
  const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
  const outcome = await runGrant(deps, request.params.tenant, form, basicCredentials(request.headers.authorization));
  if (!outcome.ok) return reply.code(outcome.failure.status).send(entraErrorBody(outcome.failure));
  return outcome.body;
}

/**
 * POST /{tenant}/oauth2/v2.0/token with a shared secret (form or Basic): the client credentials,
 * on-behalf-of and authorization code grants.
 */
export async function tokenRoutes(app: FastifyInstance, deps: TokenRoutesDeps): Promise<void> {
  // Entra reads only form bodies; anything else arrives as an empty form (and fails like Entra: missing grant_type).
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, _body, done) => done(null, ''));
  app.post<TenantParams>('/:tenant/oauth2/v2.0/token', (request, reply) => handleTokenRequest(deps, request, reply));
}
