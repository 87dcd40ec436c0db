import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD } from '../sim-test-support.spec-helpers.js';
import type { DirectoryUser } from './directory/directory-user.js';
import { callGraph, graphAppToken } from './graph-test-support.spec-helpers.js';

const OTHER_TENANT = '7f3a1c2d-0b4e-4c6a-8d9e-2f1a3b4c5d6e';

describe('Microsoft Graph: throttling (429 + Retry-After) and faults by path', () => {
  let sim: TeamsSim;
  let token: string;
  let users: DirectoryUser[];
  const graphError = (code: string) => ({
    error: { code, message: expect.any(String), innerError: { date: expect.any(String), 'request-id': expect.any(String), 'client-request-id': expect.any(String) } },
  });
  const install = (user: DirectoryUser, bearer = token) =>
    callGraph(sim, bearer, `/v1.0/users/${user.id}/teamwork/installedApps`, { method: 'POST', body: { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${sim.teamsAppId}` } });

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
    token = await graphAppToken(sim);
    users = sim.seedDirectory({ users: 40 });
    sim.seedDirectory({ users: 5, tenantId: OTHER_TENANT });
  });
  afterAll(() => sim.close());

  it('answers installs beyond installsPerTenantPerSecond 429 with Retry-After and Graph’s error body, per tenant', async () => {
    sim.graphLimits({ installsPerTenantPerSecond: 5 });
    const before = sim.graphThrottled;
    const answers = await Promise.all(users.slice(0, 12).map((user) => install(user)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    const throttled = answers.find((answer) => answer.status === 429)!;
    expect(throttled.headers.get('retry-after')).toBe('1');
    expect(await throttled.json()).toEqual(graphError('TooManyRequests'));
    expect(sim.graphThrottled - before).toBe(7);
    expect(sim.installs.filter((entry) => entry.status === 201)).toHaveLength(5);

    const otherToken = await graphAppToken(sim, OTHER_TENANT);
    const [stranger] = sim.directoryUserIds(OTHER_TENANT);
    expect((await install({ ...users[0]!, id: stranger! }, otherToken)).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    expect((await install(users[20]!)).status).toBe(201);
    sim.graphLimits({});
  });

  it('answers any call beyond perTenantPerSecond 429', async () => {
    const otherToken = await graphAppToken(sim, OTHER_TENANT);
    sim.graphLimits({ perTenantPerSecond: 3 });
    try {
      const answers = await Promise.all(Array.from({ length: 5 }, () => callGraph(sim, otherToken, '/v1.0/users/delta')));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 429, 429]);
    } finally {
      sim.graphLimits({});
    }
    expect((await callGraph(sim, otherToken, '/v1.0/users/delta')).status).toBe(200);
  });

  it('answers a fault only on the path (string prefix or RegExp) and method it names, `times` times', async () => {
    sim.failGraph({ status: 503, path: '/v1.0/users/delta', times: 2 });
    sim.failGraph({ status: 429, path: /\/teamwork\/installedApps$/, method: 'POST', retryAfterSeconds: 2 });
    const throttledBefore = sim.graphThrottled;
    expect((await callGraph(sim, token, '/v1.0/users/delta')).status).toBe(503);
    expect((await callGraph(sim, token, '/v1.0/users/delta')).status).toBe(503);
    expect((await callGraph(sim, token, '/v1.0/users/delta')).status).toBe(200);
    const refused = await install(users[30]!);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(sim.graphThrottled - throttledBefore).toBe(1);
    expect((await callGraph(sim, token, `/v1.0/users/${users[30]!.id}/teamwork/installedApps`)).status).toBe(200);
    sim.failGraph(undefined);
    expect((await install(users[30]!)).status).toBe(201);
  });
});
