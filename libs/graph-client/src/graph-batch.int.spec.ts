import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEV_APP_ID, DEV_APP_SECRET } from '@herald/config';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { graphErrorBody, startFakeGraph, type FakeGraph } from './fake-graph.spec-helpers.js';
import { GraphAppTokens } from './graph-app-tokens.js';
import { chunksOf, type BatchRequest } from './graph-batch.js';
import { GraphClient } from './graph.client.js';

const TENANT = '7a1c5e0f-9d6b-4c1e-8f3a-2b4d6e8f0a1c';
let sim: TeamsSim;
let graph: FakeGraph;
/** How many times each sub-request url was answered so far. */
const answered = new Map<string, number>();

interface SubRequest {
  id: string;
  url: string;
  dependsOn?: string[];
}

/** A sub-request's answer by its url, as Graph documents: `/throttled/*` 429 once (Retry-After 1), `/down/*` 503 once, `/missing/*` 404, `/busy/*` always 429. */
function answer(request: SubRequest, failedIds: Set<string>) {
  const n = answered.get(request.url) ?? 0;
  answered.set(request.url, n + 1);
  if (request.dependsOn?.some((id) => failedIds.has(id))) return { id: request.id, status: 424, body: graphErrorBody('FailedDependency', 'dependency failed') };
  if (request.url.startsWith('/throttled/') && n === 0) return { id: request.id, status: 429, headers: { 'Retry-After': '1' }, body: graphErrorBody('TooManyRequests', 'throttled') };
  if (request.url.startsWith('/down/') && n === 0) return { id: request.id, status: 503, body: graphErrorBody('serviceNotAvailable', 'later') };
  if (request.url.startsWith('/busy/')) return { id: request.id, status: 429, headers: { 'Retry-After': '1' }, body: graphErrorBody('TooManyRequests', 'throttled') };
  if (request.url.startsWith('/missing/')) return { id: request.id, status: 404, body: graphErrorBody('Request_ResourceNotFound', 'gone') };
  return { id: request.id, status: 200, headers: { 'Content-Type': 'application/json' }, body: { url: request.url } };
}

beforeAll(async () => {
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET });
  graph = await startFakeGraph((app) => {
    app.post('/v1.0/$batch', async (request, reply) => {
      const { requests } = request.body as { requests: SubRequest[] };
      if (requests.length > 20) return reply.code(400).send(graphErrorBody('BadRequest', 'too many requests in the batch'));
      const failed = new Set<string>();
      const responses = requests.map((sub) => {
        const response = answer(sub, failed);
        if (response.status >= 400) failed.add(sub.id);
        return response;
      });
      // Graph may answer in any order: the id correlates.
      return { responses: responses.reverse() };
    });
  });
});
afterAll(async () => {
  await Promise.all([sim.close(), graph.close()]);
});
beforeEach(() => answered.clear());

function client(maxTotalWaitMs = 10_000) {
  const tokens = new GraphAppTokens({ authorityHost: sim.url, appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, resource: 'https://graph.microsoft.com' });
  return new GraphClient(tokens, TENANT, { baseUrl: graph.url, retry: { maxTotalWaitMs, baseDelayMs: 20 } });
}

const get = (id: string, url: string, dependsOn?: string[]): BatchRequest => ({ id, method: 'GET', url, ...(dependsOn ? { dependsOn } : {}) });
const batchPosts = (since: number) => graph.calls.slice(since).filter((call) => call.url === '/v1.0/$batch').map((call) => (call.body as { requests: SubRequest[] }).requests);

describe('GraphClient.batch', () => {
  it('sends 20 requests per $batch and answers each request, in the order asked', async () => {
    const before = graph.calls.length;
    const requests = Array.from({ length: 45 }, (_, i) => get(`r${i}`, i % 10 === 3 ? `/missing/${i}` : `/users/${i}`));
    const responses = await client().batch(requests);
    expect(batchPosts(before).map((sent) => sent.length)).toEqual([20, 20, 5]);
    expect(responses.map((response) => response.id)).toEqual(requests.map((request) => request.id));
    expect(responses[0]).toMatchObject({ status: 200, body: { url: '/users/0' }, headers: { 'content-type': 'application/json' } });
    expect(responses[3]).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
  });

  it('sends again only the throttled and unavailable requests, after their Retry-After', async () => {
    const before = graph.calls.length;
    const started = Date.now();
    const responses = await client().batch([get('a', '/users/a'), get('b', '/throttled/b'), get('c', '/missing/c'), get('d', '/down/d')]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(batchPosts(before).map((sent) => sent.map((request) => request.id))).toEqual([['a', 'b', 'c', 'd'], ['b', 'd']]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 404, 200]);
  });

  it('sends again what failed only because a request it depends on was throttled, keeping the chain', async () => {
    const before = graph.calls.length;
    const responses = await client().batch([get('install', '/throttled/install'), get('chat', '/users/x/chat', ['install']), get('other', '/users/y')]);
    expect(batchPosts(before)[1]).toEqual([{ id: 'install', method: 'GET', url: '/throttled/install' }, { id: 'chat', method: 'GET', url: '/users/x/chat', dependsOn: ['install'] }]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200]);
  });

  it('returns the 429 itself once the wait budget is spent, without throwing', async () => {
    const responses = await client(2_500).batch([get('a', '/busy/a'), get('b', '/users/b')]);
    expect(responses).toMatchObject([{ id: 'a', status: 429, headers: { 'retry-after': '1' } }, { id: 'b', status: 200 }]);
  });

  it('keeps requests linked by dependsOn in one batch, and refuses links it cannot keep', () => {
    const requests = [...Array.from({ length: 15 }, (_, i) => get(`x${i}`, '/x')), ...Array.from({ length: 8 }, (_, i) => get(`y${i}`, '/y', i ? [`y${i - 1}`] : undefined))];
    expect(chunksOf(requests).map((chunk) => chunk.length)).toEqual([15, 8]);
    expect(() => chunksOf([get('a', '/a', ['b']), get('b', '/b')])).toThrow(/not an earlier request/);
    expect(() => chunksOf(Array.from({ length: 21 }, (_, i) => get(`z${i}`, '/z', i ? [`z${i - 1}`] : undefined)))).toThrow(/more than 20/);
    expect(() => chunksOf([get('a', '/a'), get('a', '/b')])).toThrow(/unique/);
  });
});
