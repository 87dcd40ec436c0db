import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID, DEV_APP_SECRET } from '@herald/config';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { claimsOf, graphErrorBody, startFakeGraph, type FakeGraph } from './fake-graph.spec-helpers.js';
import { GraphAppTokens } from './graph-app-tokens.js';
import { GraphError } from './graph-error.js';
import { GraphClient, graphPath, type GraphClientOptions } from './graph.client.js';

const TENANT = '7a1c5e0f-9d6b-4c1e-8f3a-2b4d6e8f0a1c';
let sim: TeamsSim;
let graph: FakeGraph;
let elsewhere: FakeGraph;
const attempts = new Map<string, number>();
/** How many times the fake Graph has seen this path before (0 the first time). */
const seen = (key: string) => {
  const n = attempts.get(key) ?? 0;
  attempts.set(key, n + 1);
  return n;
};

beforeAll(async () => {
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET });
  elsewhere = await startFakeGraph((app) => app.get('/*', async () => ({ value: ['stolen'] })));
  graph = await startFakeGraph((app, self) => {
    app.get('/v1.0/users/:id', async (request) => ({ id: (request.params as { id: string }).id }));
    app.get('/v1.0/users/delta', async (request, reply) => {
      const page = Number((request.query as { page?: string }).page ?? '1');
      if (page < 3) return { value: [{ id: `u${page}` }], '@odata.nextLink': `${self().url}/v1.0/users/delta?page=${page + 1}` };
      return reply.send({ value: [{ id: 'u3' }], '@odata.deltaLink': `${self().url}/v1.0/users/delta?token=abc` });
    });
    app.get('/v1.0/groups', async () => ({ value: [{ id: 'g1' }], '@odata.nextLink': `${elsewhere.url}/v1.0/groups?page=2` }));
    app.get('/v1.0/throttled/:mode', async (request, reply) => {
      const { mode } = request.params as { mode: string };
      if (seen(mode) > 0) return { ok: true };
      if (mode === 'seconds') return reply.code(429).header('retry-after', '1').send(graphErrorBody('TooManyRequests', 'slow down'));
      if (mode === 'date') return reply.code(503).header('retry-after', new Date(Date.now() + 2_000).toUTCString()).send({});
      if (mode === 'backoff') return reply.code(504).send({});
      return reply.code(429).header('retry-after', '30').send(graphErrorBody('TooManyRequests', 'much later'));
    });
    app.get('/v1.0/always-429', async (_request, reply) => reply.code(429).header('retry-after', '30').send(graphErrorBody('TooManyRequests', 'much later', 'req-429')));
    app.get('/v1.0/always-503', async (_request, reply) => reply.code(503).send(''));
    app.get('/v1.0/expired/:mode', async (request, reply) => {
      const { mode } = request.params as { mode: string };
      if (mode === 'always' || seen(`expired-${mode}`) === 0) return reply.code(401).send(graphErrorBody('InvalidAuthenticationToken', 'Access token has expired.'));
      return { ok: true };
    });
    app.get('/v1.0/missing', async (_request, reply) => reply.code(404).send(graphErrorBody('Request_ResourceNotFound', "Resource 'x' does not exist.", 'req-404')));
    app.get('/v1.0/moved', async (_request, reply) => reply.redirect(`${elsewhere.url}/v1.0/moved`));
    app.get('/v1.0/slow', async () => new Promise((resolve) => setTimeout(() => resolve({}), 1_000)));
    app.post('/v1.0/users/:id/teamwork/installedApps', async (_request, reply) => reply.code(201).send({ id: 'installed' }));
    app.delete('/v1.0/users/:id/teamwork/installedApps/:app', async (_request, reply) => reply.code(204).send());
  });
});
afterAll(async () => {
  await Promise.all([sim.close(), graph.close(), elsewhere.close()]);
});

function client(options: Partial<GraphClientOptions> = {}) {
  const tokens = new GraphAppTokens({ authorityHost: sim.url, appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, resource: 'https://graph.microsoft.com' });
  return new GraphClient(tokens, TENANT, { baseUrl: graph.url, retry: { baseDelayMs: 50 }, ...options });
}

const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('expected a GraphError'), (error: unknown) => error as GraphError);

describe('GraphClient', () => {
  it('calls Graph with the tenant app token, ids encoded into the path', async () => {
    expect(await client().get(graphPath`/users/${'a/b c'}`)).toEqual({ id: 'a/b c' });
    const call = graph.calls.at(-1)!;
    expect(call.url).toBe('/v1.0/users/a%2Fb%20c');
    expect(claimsOf(call.authorization!.replace('Bearer ', ''))).toMatchObject({ tid: TENANT, aud: 'https://graph.microsoft.com' });
    expect(await client().post(graphPath`/users/${'u1'}/teamwork/installedApps`, { 'teamsApp@odata.bind': 'x' })).toEqual({ id: 'installed' });
    await client().delete(graphPath`/users/${'u1'}/teamwork/installedApps/${'a1'}`);
    expect(graph.calls.at(-1)).toMatchObject({ method: 'DELETE' });
  });

  it('follows @odata.nextLink page by page to the deltaLink, and resumes from a checkpointed link', async () => {
    const pages = [];
    for await (const page of client().pages<{ id: string }>('/users/delta')) pages.push(page);
    expect(pages.map((page) => page.value.map((user) => user.id))).toEqual([['u1'], ['u2'], ['u3']]);
    expect(pages[0]!.nextLink).toBe(`${graph.url}/v1.0/users/delta?page=2`);
    expect(pages[2]).toMatchObject({ deltaLink: `${graph.url}/v1.0/users/delta?token=abc` });
    const resumed = [];
    for await (const page of client().pages<{ id: string }>(pages[0]!.nextLink!)) resumed.push(...page.value);
    expect(resumed).toEqual([{ id: 'u2' }, { id: 'u3' }]);
  });

  it('refuses a nextLink to another host, and paths that leave the Graph root, before calling them', async () => {
    const iterator = client().pages('/groups');
    expect((await iterator.next()).value).toMatchObject({ value: [{ id: 'g1' }] });
    expect(await failure(iterator.next())).toMatchObject({ code: 'UntrustedUrl' });
    expect(await failure(client().get('/../../v1.0x/users'))).toMatchObject({ code: 'UntrustedUrl' });
    expect(await failure(client().get('/%2e%2e/elsewhere'))).toMatchObject({ code: 'UntrustedUrl' });
    expect(await failure(client().get(`${elsewhere.url}/v1.0/users`))).toMatchObject({ code: 'UntrustedUrl' });
    expect(() => graphPath`/users/${'..'}`).toThrow(GraphError);
    expect(elsewhere.calls).toHaveLength(0);
  });

  it('waits out a 429 for its Retry-After in seconds, a 503 until its Retry-After date, a 504 by backoff', async () => {
    for (const [mode, least] of [['seconds', 1_000], ['date', 1_000], ['backoff', 25]] as const) {
      const started = Date.now();
      expect(await client().get(`/throttled/${mode}`)).toEqual({ ok: true });
      expect(Date.now() - started, mode).toBeGreaterThanOrEqual(least);
    }
  });

  it('gives up at once when Retry-After is past the wait budget, with what Graph said', async () => {
    const started = Date.now();
    const error = await failure(client({ retry: { maxTotalWaitMs: 5_000 } }).get('/always-429'));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests', requestId: 'req-429', retryAfterMs: 30_000 });
  });

  it('stops after the most attempts allowed', async () => {
    const before = graph.calls.length;
    const error = await failure(client({ retry: { maxAttempts: 3, baseDelayMs: 10 } }).get('/always-503'));
    expect(error).toMatchObject({ status: 503, code: 'Http503' });
    expect(graph.calls.length - before).toBe(3);
  });

  it('tries a 401 once more with a fresh token, and only once', async () => {
    const before = sim.tokenRequests;
    const graphClient = client();
    expect(await graphClient.get('/expired/once')).toEqual({ ok: true });
    const [first, second] = graph.calls.slice(-2);
    expect(second!.authorization).not.toBe(first!.authorization);
    expect(sim.tokenRequests - before).toBe(2);
    const error = await failure(graphClient.get('/expired/always'));
    expect(error).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
    expect(sim.tokenRequests - before).toBe(3);
  });

  it("surfaces other 4xx as a GraphError from Graph's error body", async () => {
    const error = await failure(client().get('/missing'));
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 404, code: 'Request_ResourceNotFound', message: "Resource 'x' does not exist.", requestId: 'req-404' });
  });

  it('never follows a redirect, and abandons a call past its timeout', async () => {
    expect(await failure(client().get('/moved'))).toMatchObject({ code: 'UnexpectedRedirect', status: undefined });
    expect(elsewhere.calls).toHaveLength(0);
    expect(await failure(client({ timeoutMs: 100 }).get('/slow'))).toMatchObject({ code: 'Timeout' });
  });
});
