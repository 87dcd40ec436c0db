import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { graphErrorBody, type GraphError } from './graph-errors.js';

export const GRAPH_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

/** Graph's response headers: a request id, the caller's client-request-id echoed (or the request id). */
export function identify(request: FastifyRequest, reply: FastifyReply): { requestId: string; clientRequestId: string } {
  const requestId = randomUUID();
  const sent = request.headers['client-request-id'];
  const clientRequestId = typeof sent === 'string' && sent ? sent : requestId;
  void reply.header('request-id', requestId).header('client-request-id', clientRequestId).type(GRAPH_JSON);
  return { requestId, clientRequestId };
}

export interface ErrorExtras {
  readonly retryAfterSeconds?: number;
  readonly headers?: Record<string, string>;
}

/** Graph's error answer: status, JSON error body, Retry-After when given, WWW-Authenticate with a 401. */
export function sendError(request: FastifyRequest, reply: FastifyReply, failure: GraphError, extras: ErrorExtras = {}) {
  const { requestId, clientRequestId } = identify(request, reply);
  if (extras.retryAfterSeconds !== undefined) void reply.header('retry-after', String(extras.retryAfterSeconds));
  if (extras.headers) void reply.headers(extras.headers);
  if (failure.status === 401) void reply.header('www-authenticate', WWW_AUTHENTICATE);
  return reply.code(failure.status).send(graphErrorBody(failure, requestId, clientRequestId));
}
