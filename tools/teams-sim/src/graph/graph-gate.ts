import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SigningKey } from '../keys.js';
import { authenticateGraphTenant } from './graph-auth.js';
import { faultError, type GraphError } from './graph-errors.js';
import { identify, sendError } from './graph-reply.js';
import type { GraphState } from './graph-state.js';

export interface GraphGateDeps {
  readonly key: SigningKey;
  readonly graph: GraphState;
  /** `${sim}/graph`. */
  readonly graphBaseUrl: () => string;
}

/** Graph's throttling answer (throttling guidance: 429 Too Many Requests with Retry-After). */
const tooManyRequests = (): GraphError => ({ status: 429, code: 'TooManyRequests', message: 'Please retry again later.' });

/** The request path under /graph without its query, e.g. `/v1.0/users/delta`. */
export const graphPath = (request: FastifyRequest): string => (request.url.split('?')[0] ?? '').replace(/^\/graph/, '');

/** Counts the call and answers the fault a test set for it, if any: true when the call was answered. */
export function answeredByFault(graph: GraphState, request: FastifyRequest, reply: FastifyReply): boolean {
  graph.counts.calls += 1;
  const fault = graph.faults.take(request.method, graphPath(request));
  if (!fault) return false;
  if (fault.status === 429) graph.counts.throttled += 1;
  const retry = fault.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: fault.retryAfterSeconds };
  void sendError(request, reply, faultError(fault.status), retry);
  return true;
}

/**
 * Every tenant resource call passes here: counted, a fault if one is set, the Graph token (401 otherwise),
 * the tenant's limits (429 with Retry-After). Returns the caller's tenant, or undefined when already answered.
 * Graph counts a call against the limits when it arrives, not when the sim has checked its token
 * (the check is asynchronous, and its delays would bunch calls that came evenly spaced).
 */
export async function admitTenantCall(
  deps: GraphGateDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { install?: boolean } = {},
): Promise<string | undefined> {
  const arrivedAt = Date.now();
  if (answeredByFault(deps.graph, request, reply)) return undefined;
  const caller = await authenticateGraphTenant(request.headers.authorization, deps.key);
  if (!caller.ok) {
    void sendError(request, reply, caller.failure);
    return undefined;
  }
  const waitMs = deps.graph.limits.admit(caller.tenantId, options.install ?? false, arrivedAt);
  if (waitMs > 0) {
    deps.graph.counts.throttled += 1;
    void sendError(request, reply, tooManyRequests(), { retryAfterSeconds: Math.ceil(waitMs / 1_000) });
    return undefined;
  }
  identify(request, reply);
  return caller.tenantId;
}
