import { invalidRequestParameter } from './assertion-errors.js';
import { authenticateClient } from './client-auth.js';
import { grantDelegatedScope, parseDelegatedScope } from './delegated-scopes.js';
import { grantFailed, tokenResponse, type Grant } from './token-grants.js';
import { checkUserAssertion } from './user-assertion.js';
import { issueGraphUserToken } from './user-tokens.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/**
 * The on-behalf-of grant (Microsoft identity platform OBO doc): the bot trades the user's token for it (the
 * assertion) for a delegated Microsoft Graph token of the same user. Checks in Entra's order: the client, the
 * request, the scope, the assertion (signature, validity, audience, tenant), then consent.
 */
export const onBehalfOf: Grant = async (request, deps) => {
  const { form, tenantId } = request;
  const { app } = deps;
  const clientFailure = authenticateClient(request, app, ['assertion', 'requested_token_use', 'scope']);
  if (clientFailure) return grantFailed(clientFailure);
  if (form.get('requested_token_use') !== 'on_behalf_of') return grantFailed(invalidRequestParameter('requested_token_use'));
  const requested = parseDelegatedScope(form.get('scope') ?? '');
  if (!requested.ok) return grantFailed(requested.failure);
  const assertion = await checkUserAssertion(form.get('assertion') ?? '', { key: deps.key, appId: app.appId, appName: app.appName, tenantId });
  if (!assertion.ok) return grantFailed(assertion.failure);
  const user = deps.users.get(assertion.objectId);
  const granted = grantDelegatedScope(requested.value, user.consented, app);
  if (!granted.ok) return grantFailed(granted.failure);
  const accessToken = await issueGraphUserToken(deps.key, {
    user,
    tenantId,
    clientId: app.appId,
    clientName: app.appName,
    scp: granted.value.scp,
    lifetimeSeconds: deps.lifetimeSeconds,
  });
  return tokenResponse(accessToken, deps.lifetimeSeconds, { scope: granted.value.scope });
};
