import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserDirectory } from '../entra/user-directory.js';
import type { SigningKey } from '../keys.js';
import { authenticateGraphCaller } from './graph-auth.js';
import { faultError, graphErrorBody, type GraphError, type GraphFault } from './graph-errors.js';
import { parseSelect, userResource } from './graph-user.js';

export interface GraphRoutesDeps {
  readonly key: SigningKey;
  readonly users: UserDirectory;
  /** The base URL Graph is served under (`${sim}/graph`), for `@odata.context`. */
  readonly graphBaseUrl: () => string;
  /** The fault every call answers with, while one is set. */
  readonly fault: () => GraphFault | undefined;
  /** Called for every Graph request, whatever its answer. */
  readonly countCall: () => void;
}

const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Graph's response headers: a request id, the caller's client-request-id echoed (or the request id). */
function identify(request: FastifyRequest, reply: FastifyReply): { requestId: string; clientRequestId: string } {
  const requestId = randomUUID();
  const sent = request.headers['client-request-id'];
  const clientRequestId = typeof sent === 'string' && sent ? sent : requestId;
  void reply.header('request-id', requestId).header('client-request-id', clientRequestId).type(GRAPH_JSON);
  return { requestId, clientRequestId };
}

function sendError(request: FastifyRequest, reply: FastifyReply, failure: GraphError, retryAfterSeconds?: number) {
  const { requestId, clientRequestId } = identify(request, reply);
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  if (failure.status === 401) {
    void reply.header('www-authenticate', 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"');
  }
  return reply.code(failure.status).send(graphErrorBody(failure, requestId, clientRequestId));
}

/** Counts the call and answers the fault a test set, if any: true when the call was answered. */
function answeredByFault(deps: GraphRoutesDeps, request: FastifyRequest, reply: FastifyReply): boolean {
  deps.countCall();
  const fault = deps.fault();
  if (!fault) return false;
  void sendError(request, reply, faultError(fault.status), fault.retryAfterSeconds);
  return true;
}

/** Microsoft Graph v1.0 under `/graph`: GET /me (with $select) for the user of a delegated token. */
export async function graphRoutes(app: FastifyInstance, deps: GraphRoutesDeps): Promise<void> {
  app.get<{ Querystring: Record<string, string | undefined> }>('/graph/v1.0/me', async (request, reply) => {
    if (answeredByFault(deps, request, reply)) return reply;
    const caller = await authenticateGraphCaller(request.headers.authorization, deps.key);
    if (!caller.ok) return sendError(request, reply, caller.failure);
    identify(request, reply);
    const select = parseSelect(request.query['$select'] ?? request.query['select']);
    return userResource(deps.users.get(caller.objectId), `${deps.graphBaseUrl()}/v1.0`, select);
  });

  app.all<{ Params: { '*': string } }>('/graph/*', async (request, reply) => {
    if (answeredByFault(deps, request, reply)) return reply;
    const segment = request.params['*'].split('?')[0]?.split('/').filter(Boolean).pop() ?? '';
    return sendError(request, reply, { status: 400, code: 'BadRequest', message: `Resource not found for the segment '${segment}'.` });
  });
}
