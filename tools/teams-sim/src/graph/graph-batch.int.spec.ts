import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD } from '../sim-test-support.spec-helpers.js';
import type { DirectoryUser } from './directory/directory-user.js';
import type { BatchResponse } from './graph-batch.js';
import { callGraph, graphAppToken } from './graph-test-support.spec-helpers.js';

describe('Microsoft Graph: POST /v1.0/$batch', () => {
  let sim: TeamsSim;
  let token: string;
  let users: DirectoryUser[];
  const installRequest = (id: string, user: DirectoryUser) => ({
    id,
    method: 'POST',
    url: `/users/${user.id}/teamwork/installedApps`,
    headers: { 'Content-Type': 'application/json' },
    body: { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${sim.teamsAppId}` },
  });
  const batch = async (requests: unknown[], bearer: string = token) => {
    const response = await callGraph(sim, bearer, '/v1.0/$batch', { method: 'POST', body: { requests } });
    return { status: response.status, body: (await response.json()) as { responses: BatchResponse[] } };
  };

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
    token = await graphAppToken(sim);
    users = sim.seedDirectory({ users: 30 });
  });
  afterAll(() => sim.close());

  it('answers each request as if sent alone, ids correlating', async () => {
    const { status, body } = await batch([
      installRequest('1', users[0]!),
      { id: '2', method: 'GET', url: `users/${users[0]!.id}/teamwork/installedApps?$expand=teamsApp` },
      installRequest('3', users[0]!),
      { id: '4', method: 'GET', url: '/groups?$search="displayName:x"' },
    ]);
    expect(status).toBe(200);
    const byId = Object.fromEntries(body.responses.map((response) => [response.id, response]));
    expect(byId['1']?.status).toBe(201);
    expect(byId['2']).toMatchObject({ status: 200, body: { value: [{ teamsApp: { id: sim.teamsAppId } }] } });
    expect(byId['3']).toMatchObject({ status: 409, body: { error: { code: 'Conflict' } } });
    expect(byId['4']).toMatchObject({ status: 400, body: { error: { code: 'Request_UnsupportedQuery' } } });
  });

  it('throttles the requests inside a batch one by one: 429 with Retry-After inside a 200', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_050)); // the installs of the test before leave the window
    sim.graphLimits({ installsPerTenantPerSecond: 2 });
    try {
      const { status, body } = await batch(users.slice(10, 14).map((user, i) => installRequest(String(i), user)));
      expect(status).toBe(200);
      expect(body.responses.map((response) => response.status)).toEqual([201, 201, 429, 429]);
      expect(body.responses[2]?.headers['retry-after']).toBe('1');
    } finally {
      sim.graphLimits({});
    }
  });

  it('answers 424 for a request whose dependency failed, 400 for more than 20 requests or duplicate ids, 401 without a token', async () => {
    const { body } = await batch([
      { id: 'a', method: 'GET', url: '/groups/00000000-0000-4000-8000-000000000000' },
      { id: 'b', method: 'GET', url: `/users/${users[0]!.id}/teamwork/installedApps`, dependsOn: ['a'] },
    ]);
    expect(body.responses.map((response) => response.status)).toEqual([404, 424]);
    const tooMany = await batch(Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/groups' })));
    expect(tooMany.status).toBe(400);
    expect((await batch([{ id: '1', method: 'GET', url: '/groups' }, { id: '1', method: 'GET', url: '/groups' }])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'GET', url: '/groups' }], '')).status).toBe(401);
  });
});
