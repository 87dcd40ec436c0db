import type { FastifyInstance } from 'fastify';
import type { UserDirectory } from '../entra/user-directory.js';
import { usersDeltaRoutes } from './directory/users-delta.routes.js';
import { groupsRoutes } from './groups/groups.routes.js';
import { authenticateGraphCaller } from './graph-auth.js';
import { graphBatchRoutes } from './graph-batch.routes.js';
import { appCatalogRoutes } from './installed-apps/app-catalog.routes.js';
import { answeredByFault } from './graph-gate.js';
import { installedAppsRoutes, type InstalledAppsDeps } from './installed-apps/installed-apps.routes.js';
import { identify, sendError } from './graph-reply.js';
import { parseSelect, userResource } from './graph-user.js';

export interface GraphRoutesDeps extends InstalledAppsDeps {
  /** The sim's Entra users, for /me. */
  readonly users: UserDirectory;
}

/**
 * Microsoft Graph v1.0 under `/graph`: GET /me (with $select) for the user of a delegated token, and the
 * tenant resources (users/delta, groups, users' installed apps) for app or delegated tokens; anything else is Graph's 400.
 */
export async function graphRoutes(app: FastifyInstance, deps: GraphRoutesDeps): Promise<void> {
  app.get<{ Querystring: Record<string, string | undefined> }>('/graph/v1.0/me', async (request, reply) => {
    if (answeredByFault(deps.graph, request, reply)) return reply;
    const caller = await authenticateGraphCaller(request.headers.authorization, deps.key);
    if (!caller.ok) return sendError(request, reply, caller.failure);
    identify(request, reply);
    const select = parseSelect(request.query['$select'] ?? request.query['select']);
    return userResource(deps.users.get(caller.objectId), `${deps.graphBaseUrl()}/v1.0`, select);
  });

  await app.register(usersDeltaRoutes, deps);
  await app.register(groupsRoutes, deps);
  await app.register(installedAppsRoutes, deps);
  await app.register(appCatalogRoutes, deps);
  await app.register(graphBatchRoutes, deps);

  app.all<{ Params: { '*': string } }>('/graph/*', async (request, reply) => {
    if (answeredByFault(deps.graph, request, reply)) return reply;
    const segment = request.params['*'].split('?')[0]?.split('/').filter(Boolean).pop() ?? '';
    return sendError(request, reply, { status: 400, code: 'BadRequest', message: `Resource not found for the segment '${segment}'.` });
  });
}
