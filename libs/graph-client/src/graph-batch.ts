import { GraphError, isTransient, retryAfterMs } from './graph-error.js';
import { sleep, WaitBudget, type GraphHttp } from './graph-http.js';

/** One request of a JSON batch; `url` is relative to the version root (`/users/{id}`). */
export interface BatchRequest {
  id: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Ids of requests of the same call that must succeed first (Graph answers 424 otherwise). */
  dependsOn?: string[];
}

/** Graph's answer to one request; header names in lower case. */
export interface BatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** Graph takes at most 20 requests in one batch. */
export const BATCH_LIMIT = 20;

export async function runBatch(http: GraphHttp, url: string, requests: readonly BatchRequest[]): Promise<BatchResponse[]> {
  const results = new Map<string, BatchResponse>();
  for (const chunk of chunksOf(requests)) await settle(http, url, chunk, results);
  return requests.map((request) => results.get(request.id)!);
}

/** Sends a chunk, then again the sub-requests worth repeating, after the longest Retry-After among them. */
async function settle(http: GraphHttp, url: string, chunk: BatchRequest[], results: Map<string, BatchResponse>): Promise<void> {
  const budget = new WaitBudget(http.retry);
  let pending = chunk;
  for (;;) {
    for (const response of await send(http, url, pending, budget)) results.set(response.id, response);
    const again = toRepeat(pending, results);
    if (again.length === 0) return;
    const hints = again.map((request) => retryAfterMs(results.get(request.id)!.headers['retry-after']));
    const delay = budget.next(hints.every((hint) => hint === undefined) ? undefined : Math.max(...hints.map((hint) => hint ?? 0)));
    if (delay === undefined) return;
    await sleep(delay);
    const ids = new Set(again.map((request) => request.id));
    pending = again.map(({ dependsOn, ...request }) => {
      const still = dependsOn?.filter((id) => ids.has(id)) ?? [];
      return still.length > 0 ? { ...request, dependsOn: still } : request;
    });
  }
}

async function send(http: GraphHttp, url: string, requests: BatchRequest[], budget: WaitBudget): Promise<BatchResponse[]> {
  const answer = await http.send({ method: 'POST', url, body: { requests } }, budget);
  const responses = ((answer.body as { responses?: unknown[] } | undefined)?.responses ?? []) as Array<Partial<BatchResponse>>;
  const byId = new Map(responses.filter((response) => typeof response.id === 'string').map((response) => [response.id!, response]));
  // Responses may come in any order; one Graph left out is treated as unavailable, so it is asked again.
  return requests.map(({ id }) => {
    const response = byId.get(id);
    if (!response || typeof response.status !== 'number') return { id, status: 503, headers: {}, body: { error: { code: 'MissingBatchResponse', message: 'no response for this request in the batch' } } };
    return { id, status: response.status, headers: lowerCase(response.headers ?? {}), body: response.body };
  });
}

/** Throttled or unavailable sub-requests, and those that failed (424) only because one they depend on is repeated. */
function toRepeat(requests: BatchRequest[], results: Map<string, BatchResponse>): BatchRequest[] {
  const repeated = new Set<string>();
  for (const request of requests) {
    const status = results.get(request.id)!.status;
    if (isTransient(status) || (status === 424 && request.dependsOn?.some((id) => repeated.has(id)))) repeated.add(request.id);
  }
  return requests.filter((request) => repeated.has(request.id));
}

/** Chunks of at most 20, in order; requests linked by dependsOn share a chunk. */
export function chunksOf(requests: readonly BatchRequest[]): BatchRequest[][] {
  const groupOf = new Map<string, BatchRequest[]>();
  const groups: BatchRequest[][] = [];
  for (const request of requests) {
    if (!request.id || groupOf.has(request.id)) throw invalid(`batch request ids must be unique and non-empty: "${request.id}"`);
    if (!request.url.startsWith('/')) throw invalid(`a batch request url starts with "/": ${request.url}`);
    const linked = [...new Set((request.dependsOn ?? []).map((id) => groupOf.get(id) ?? fail(invalid(`"${request.id}" depends on "${id}", not an earlier request`))))];
    const group = linked[0] ?? [];
    if (linked.length === 0) groups.push(group);
    for (const other of linked.slice(1)) {
      group.push(...other);
      groups.splice(groups.indexOf(other), 1);
      for (const member of other) groupOf.set(member.id, group);
    }
    group.push(request);
    groupOf.set(request.id, group);
    if (group.length > BATCH_LIMIT) throw invalid(`more than ${BATCH_LIMIT} requests linked by dependsOn cannot share one batch`);
  }
  const chunks: BatchRequest[][] = [];
  for (const group of groups) {
    const last = chunks.at(-1);
    if (last && last.length + group.length <= BATCH_LIMIT) last.push(...group);
    else chunks.push([...group]);
  }
  return chunks;
}

function lowerCase(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

function invalid(message: string): GraphError {
  return new GraphError(undefined, 'InvalidBatch', message, undefined);
}

function fail(error: Error): never {
  throw error;
}
