import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID, DEV_APP_SECRET } from '@herald/config';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { claimsOf } from './fake-graph.spec-helpers.js';
import { GraphAppTokens, graphResourceOf } from './graph-app-tokens.js';

const TENANT_A = '7a1c5e0f-9d6b-4c1e-8f3a-2b4d6e8f0a1c';
const TENANT_B = '0b2d4f6a-8c1e-4a3b-9d5f-7e9a1c3b5d7f';
let sim: TeamsSim;

beforeAll(async () => {
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET });
});
afterAll(() => sim.close());

function tokens(now?: () => number, appPassword = DEV_APP_SECRET) {
  return new GraphAppTokens({ authorityHost: sim.url, appId: DEV_APP_ID, appPassword, resource: graphResourceOf(`${sim.url}/graph`), ...(now ? { now } : {}) });
}

describe('GraphAppTokens', () => {
  it('gets an app-only Graph token per tenant by client credentials, one request per tenant however many ask at once', async () => {
    const source = tokens();
    const before = sim.tokenRequests;
    const [a1, a2, a3, b] = await Promise.all([source.get(TENANT_A), source.get(TENANT_A), source.get(TENANT_A), source.get(TENANT_B)]);
    expect(sim.tokenRequests - before).toBe(2);
    expect(a2).toBe(a1);
    expect(a3).toBe(a1);
    expect(claimsOf(a1)).toMatchObject({ tid: TENANT_A, aud: 'https://graph.microsoft.com' });
    expect(claimsOf(b)).toMatchObject({ tid: TENANT_B });
  });

  it('keeps a token until 5 minutes before it expires, then asks for a new one', async () => {
    let now = Date.now();
    const source = tokens(() => now);
    const first = await source.get(TENANT_A);
    const before = sim.tokenRequests;
    now += (3599 - 301) * 1000;
    expect(await source.get(TENANT_A)).toBe(first);
    expect(sim.tokenRequests).toBe(before);
    now += 2_000;
    expect(await source.get(TENANT_A)).not.toBe(first);
    expect(sim.tokenRequests).toBe(before + 1);
  });

  it('replaces a token Graph refused once, for all who hold it', async () => {
    const source = tokens();
    const stale = await source.get(TENANT_A);
    const before = sim.tokenRequests;
    const fresh = await Promise.all([source.fresh(TENANT_A, stale), source.fresh(TENANT_A, stale)]);
    expect(fresh[0]).not.toBe(stale);
    expect(fresh[1]).toBe(fresh[0]);
    expect(sim.tokenRequests).toBe(before + 1);
    expect(await source.fresh(TENANT_A, stale)).toBe(fresh[0]);
  });

  it('fails without the secret in its error when the credentials are wrong', async () => {
    const wrong = 'not-the-dev-secret-1234';
    const error = (await tokens(undefined, wrong).get(TENANT_A).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/401|400/);
    expect(error.message).not.toContain(wrong);
  });

  it('asks for the national cloud Graph its base URL names, else the global one', () => {
    expect(graphResourceOf('https://graph.microsoft.us')).toBe('https://graph.microsoft.us');
    expect(graphResourceOf('https://graph.microsoft.com/')).toBe('https://graph.microsoft.com');
    expect(graphResourceOf('http://127.0.0.1:3990/graph')).toBe('https://graph.microsoft.com');
  });
});
