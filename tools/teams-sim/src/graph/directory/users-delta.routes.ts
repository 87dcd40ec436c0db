import type { FastifyInstance } from 'fastify';
import { admitTenantCall, type GraphGateDeps } from '../graph-gate.js';
import { requestedPageSize } from '../graph-paging.js';
import { sendError } from '../graph-reply.js';
import { usersDelta } from './users-delta.js';

type Query = { Querystring: Record<string, string | undefined> };

/** GET /v1.0/users/delta (also as /users/microsoft.graph.delta), for the tenant of the Graph token. */
export async function usersDeltaRoutes(app: FastifyInstance, deps: GraphGateDeps): Promise<void> {
  for (const path of ['/graph/v1.0/users/delta', '/graph/v1.0/users/microsoft.graph.delta']) {
    app.get<Query>(path, async (request, reply) => {
      const tenantId = await admitTenantCall(deps, request, reply);
      if (!tenantId) return reply;
      const explicit = requestedPageSize(request, reply, 0);
      const answer = usersDelta(deps.graph, {
        tenantId,
        query: request.query,
        serviceRoot: `${deps.graphBaseUrl()}/v1.0`,
        ...(explicit > 0 ? { pageSize: explicit } : {}),
      });
      if (!answer.ok) return sendError(request, reply, answer.error, answer.headers ? { headers: answer.headers } : {});
      return answer.body;
    });
  }
}
