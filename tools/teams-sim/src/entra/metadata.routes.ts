import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SigningKey } from '../keys.js';
import { entraErrorBody, tenantNotFound } from './entra-errors.js';
import { isMultiTenantAuthority, resolveTenantId, v1Issuer, v2Issuer } from './tenants.js';

export interface MetadataRoutesDeps {
  readonly key: SigningKey;
  readonly baseUrl: () => string;
}

type TenantRequest = { Params: { tenant: string } };

/** The tenant id the documents name: `organizations` and `common` name the `{tenantid}` template, as Entra's do. */
const documentTenant = (tenant: string): string | undefined => resolveTenantId(tenant) ?? (isMultiTenantAuthority(tenant) ? '{tenantid}' : undefined);

function v2Configuration(base: string, tenant: string, tenantId: string) {
  return {
    token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: v2Issuer(tenantId),
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
    tenant_region_scope: null,
    cloud_instance_name: 'microsoftonline.com',
    msgraph_host: 'graph.microsoft.com',
  };
}

function v1Configuration(base: string, tenant: string, tenantId: string) {
  return {
    token_endpoint: `${base}/${tenant}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${base}/${tenant}/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'token id_token', 'token'],
    scopes_supported: ['openid'],
    issuer: v1Issuer(tenantId),
    authorization_endpoint: `${base}/${tenant}/oauth2/authorize`,
    cloud_instance_name: 'microsoftonline.com',
  };
}

const unknownTenant = (reply: FastifyReply, tenant: string) => {
  const failure = tenantNotFound(tenant);
  return reply.code(failure.status).send(entraErrorBody(failure));
};

/**
 * Entra's discovery documents and signing keys for the tenant path segment: v2.0 (issuer
 * login.microsoftonline.com/{tid}/v2.0) and v1.0 (issuer sts.windows.net/{tid}/, the form Bot Connector tokens carry).
 */
export async function metadataRoutes(app: FastifyInstance, deps: MetadataRoutesDeps): Promise<void> {
  const jwks = () => ({ keys: [deps.key.publicJwk] });

  app.get<TenantRequest>('/:tenant/v2.0/.well-known/openid-configuration', async (request, reply) => {
    const tenantId = documentTenant(request.params.tenant);
    if (!tenantId) return unknownTenant(reply, request.params.tenant);
    return v2Configuration(deps.baseUrl(), request.params.tenant, tenantId);
  });

  app.get<TenantRequest>('/:tenant/.well-known/openid-configuration', async (request, reply) => {
    const tenantId = documentTenant(request.params.tenant);
    if (!tenantId) return unknownTenant(reply, request.params.tenant);
    return v1Configuration(deps.baseUrl(), request.params.tenant, tenantId);
  });

  app.get('/:tenant/discovery/v2.0/keys', async () => jwks());
  app.get('/:tenant/discovery/keys', async () => jwks());
}
