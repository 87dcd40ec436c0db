import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AuthorizationCodes } from './authorization-codes.js';
import { authorize, type AuthorizeDeps } from './authorize-request.js';
import { errorPage, replyErrorToApp, replyToApp } from './authorize-response.js';

export interface AuthorizeRoutesDeps extends AuthorizeDeps {
  readonly codes: AuthorizationCodes;
}

type AuthorizeRequest = { Params: { tenant: string }; Querystring: Record<string, string | undefined> };

/**
 * GET /{tenant}/oauth2/v2.0/authorize (the auth code flow doc's first leg): signs in the user `login_hint`
 * names, or the chat page user, without any UI, and sends the app a code (302 with query or fragment, or
 * Entra's auto-submitting form_post page). Errors go to the app's redirect URI once it is known to be
 * registered, and are shown on Entra's error page before.
 */
export async function authorizeRoutes(app: FastifyInstance, deps: AuthorizeRoutesDeps): Promise<void> {
  app.get<AuthorizeRequest>('/:tenant/oauth2/v2.0/authorize', async (request, reply) => {
    const outcome = authorize(request.params.tenant, request.query, deps);
    if (outcome.kind === 'page') return errorPage(reply, outcome.failure);
    if (outcome.kind === 'redirect-error') return replyErrorToApp(reply, outcome.replyTo, outcome.failure);
    const code = deps.codes.issue(outcome.grant);
    return replyToApp(reply, outcome.replyTo, { code, session_state: randomUUID() });
  });
}
