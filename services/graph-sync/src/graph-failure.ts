import { GraphError } from '@herald/graph-client';

/** When Graph said nothing about it: ask again after this long. */
const DEFAULT_RETRY_MS = 5_000;

/** Graph throttled (429), failed (5xx) or did not answer, after the client's own retries: worth asking again later. */
export function isGraphUnavailable(error: GraphError): boolean {
  return error.status === undefined || error.status === 429 || error.status >= 500;
}

/** How long the caller should wait before asking again: Graph's Retry-After, else a default. */
export function retryInMsOf(error: GraphError): number {
  return Math.max(0, Math.ceil(error.retryAfterMs ?? DEFAULT_RETRY_MS));
}

/** `{ status: 'unavailable' }` for a Graph that throttles or is down; anything else is rethrown (the request fails). */
export function unavailableOrThrow(error: unknown): { status: 'unavailable'; retryInMs: number; code: string } {
  if (!(error instanceof GraphError) || !isGraphUnavailable(error)) throw error;
  return { status: 'unavailable', retryInMs: retryInMsOf(error), code: error.code };
}

/** Graph (or Entra, for its token) refused for good: a 4xx other than 429. */
export function isGraphRefusal(error: unknown): error is GraphError {
  return error instanceof GraphError && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429;
}
