import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateGraphTenant } from './graph-auth.js';
import { batchTarget, failedDependency, parseBatch, type BatchRequest, type BatchResponse } from './graph-batch.js';
import { answeredByFault, type GraphGateDeps } from './graph-gate.js';
import { identify, sendError } from './graph-reply.js';

/** The headers of an individual answer a client may need (what Graph includes, less its diagnostics). */
const KEPT_HEADERS = ['content-type', 'retry-after', 'location', 'preference-applied'];

/** Runs one request of the batch through the sim's own Graph routes, with the batch's token. */
async function run(app: FastifyInstance, outer: FastifyRequest, request: BatchRequest): Promise<BatchResponse> {
  const headers: Record<string, string> = { ...request.headers };
  if (outer.headers.authorization) headers['authorization'] = outer.headers.authorization;
  const answer = await app.inject({
    method: request.method.toUpperCase() as 'GET',
    url: batchTarget(request.url),
    headers,
    ...(request.body === undefined ? {} : { payload: JSON.stringify(request.body), headers: { 'content-type': 'application/json', ...headers } }),
  });
  const kept = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (answer.headers[name] === undefined ? [] : [[name, String(answer.headers[name])]])));
  return { id: request.id, status: answer.statusCode, headers: kept, ...(answer.body ? { body: JSON.parse(answer.body) as unknown } : {}) };
}

async function batch(app: FastifyInstance, deps: GraphGateDeps, request: FastifyRequest, reply: FastifyReply) {
  if (answeredByFault(deps.graph, request, reply)) return reply;
  const caller = await authenticateGraphTenant(request.headers.authorization, deps.key);
  if (!caller.ok) return sendError(request, reply, caller.failure);
  const parsed = parseBatch(request.body);
  if (!parsed.requests) return sendError(request, reply, parsed.error!);
  const responses = new Map<string, BatchResponse>();
  for (const item of parsed.requests) {
    const failed = (item.dependsOn ?? []).some((id) => (responses.get(id.toLowerCase())?.status ?? 0) >= 400);
    responses.set(item.id.toLowerCase(), failed ? failedDependency(item.id) : await run(app, request, item));
  }
  identify(request, reply);
  return { responses: [...responses.values()] };
}

/**
 * POST /v1.0/$batch: up to 20 requests, each answered as if sent alone (counted, faulted, throttled on its
 * own: a throttled one is a 429 inside a 200 batch), in order; `dependsOn` a failed request gives 424.
 */
export async function graphBatchRoutes(app: FastifyInstance, deps: GraphGateDeps): Promise<void> {
  app.post('/graph/v1.0/$batch', (request, reply) => batch(app, deps, request, reply));
}
