import { badRequest, type GraphError } from './graph-errors.js';

/** One request of a JSON batch (Graph "Combine multiple HTTP requests using JSON batching"). */
export interface BatchRequest {
  readonly id: string;
  readonly method: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  readonly dependsOn?: readonly string[];
}

export interface BatchResponse {
  readonly id: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

/** Graph accepts at most 20 requests in one batch. */
export const MAX_BATCH_REQUESTS = 20;

const isRequest = (value: unknown): value is BatchRequest => {
  const request = value as Partial<BatchRequest> | null;
  return typeof request?.id === 'string' && typeof request.method === 'string' && typeof request.url === 'string';
};

/** The batch's requests, or the 400 Graph answers for a malformed batch, too many requests or duplicate ids. */
export function parseBatch(body: unknown): { requests?: BatchRequest[]; error?: GraphError } {
  const requests = (body as { requests?: unknown } | null)?.requests;
  if (!Array.isArray(requests) || requests.length === 0 || !requests.every(isRequest)) {
    return { error: badRequest('Invalid batch payload format.') };
  }
  if (requests.length > MAX_BATCH_REQUESTS) {
    return { error: badRequest(`Number of requests in the batch exceeds the limit of ${MAX_BATCH_REQUESTS}.`) };
  }
  const ids = new Set(requests.map((request) => request.id.toLowerCase()));
  if (ids.size !== requests.length) return { error: badRequest('Batch request ids must be unique.') };
  return { requests };
}

/** A request whose dependency failed is not run: 424 Failed Dependency. */
export const failedDependency = (id: string): BatchResponse => ({
  id,
  status: 424,
  headers: { 'Content-Type': 'application/json' },
  body: { error: { code: 'FailedDependency', message: 'A request this request depends on failed.' } },
});

/** The path under /graph a batch request's relative url names: `/users` → `/graph/v1.0/users`. */
export const batchTarget = (url: string): string => `/graph/v1.0${url.startsWith('/') ? url : `/${url}`}`;
