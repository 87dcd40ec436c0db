import { authenticateClient } from './client-auth.js';
import { invalidScope } from './entra-errors.js';
import { issueAccessToken, resolveScope } from './entra-tokens.js';
import { grantFailed, tokenResponse, type Grant } from './token-grants.js';

/** grant_type=client_credentials: an app-only token for `{resource}/.default`. */
export const clientCredentials: Grant = async (request, deps) => {
  const clientFailure = authenticateClient(request, deps.app, ['scope']);
  if (clientFailure) return grantFailed(clientFailure);
  const scope = request.form.get('scope') ?? '';
  const resource = resolveScope(scope, deps.app.appId);
  if (!resource) return grantFailed(invalidScope(scope));
  const accessToken = await issueAccessToken(deps.key, {
    clientId: deps.app.appId,
    tenantId: request.tenantId,
    resource,
    lifetimeSeconds: deps.lifetimeSeconds,
  });
  return tokenResponse(accessToken, deps.lifetimeSeconds);
};
