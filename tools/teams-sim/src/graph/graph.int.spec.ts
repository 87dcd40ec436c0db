import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, CHAT_USER, requestOnBehalfOf } from '../sim-test-support.spec-helpers.js';

describe('Microsoft Graph: GET /v1.0/me', () => {
  let sim: TeamsSim;
  let graphToken: string;
  const me = (token?: string, query = '', headers: Record<string, string> = {}) =>
    fetch(`${sim.graphBaseUrl}/v1.0/me${query}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  const graphError = (code: string) => ({
    error: {
      code,
      message: expect.any(String),
      innerError: {
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/),
        'request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
        'client-request-id': expect.any(String),
      },
    },
  });

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
    const obo = (await (await requestOnBehalfOf(sim, await sim.mintUserSsoToken())).json()) as { access_token: string };
    graphToken = obo.access_token;
  });
  afterAll(() => sim.close());

  it("answers the signed-in user's default properties, as Graph does", async () => {
    const response = await me(graphToken, '', { 'client-request-id': 'abc-123' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(response.headers.get('client-request-id')).toBe('abc-123');
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      '@odata.context': `${sim.graphBaseUrl}/v1.0/$metadata#users/$entity`,
      businessPhones: ['+1 412 555 0109'],
      displayName: 'Megan Bowen',
      givenName: 'Megan',
      jobTitle: 'Marketing Manager',
      mail: 'MeganB@contoso.example',
      mobilePhone: null,
      officeLocation: '12/1110',
      preferredLanguage: 'en-US',
      surname: 'Bowen',
      userPrincipalName: 'MeganB@contoso.example',
      id: CHAT_USER,
    });
  });

  it('answers only the $select-ed properties', async () => {
    const response = await me(graphToken, '?$select=displayName,mail,id');
    expect(await response.json()).toEqual({
      '@odata.context': `${sim.graphBaseUrl}/v1.0/$metadata#users(displayName,mail,id)/$entity`,
      displayName: 'Megan Bowen',
      mail: 'MeganB@contoso.example',
      id: CHAT_USER,
    });
  });

  it('answers 401 InvalidAuthenticationToken for a missing, forged, expired or foreign token', async () => {
    const missing = await me();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer realm=""/);
    expect(await missing.json()).toEqual(graphError('InvalidAuthenticationToken'));

    const ssoToken = await sim.mintUserSsoToken();
    const foreign = (await (await me(ssoToken)).json()) as { error: { message: string } };
    expect(foreign.error.message).toBe('Access token validation failure. Invalid audience.');

    const [header, payload] = graphToken.split('.');
    const forged = await me(`${header}.${payload}.${Buffer.from('forged').toString('base64url')}`);
    expect(forged.status).toBe(401);

    const expired = await me(await sim.mintUserSsoToken({ audience: 'https://graph.microsoft.com', expiresInSeconds: -3600 }));
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toBe('Access token has expired or is not yet valid.');
  });

  it('refuses an app-only token on /me', async () => {
    const appOnly = await sim.mintAppToken({ clientId: APP_ID, audience: 'https://graph.microsoft.com' });
    const response = await me(appOnly);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(graphError('BadRequest'));
  });

  it('answers every call with a fault while one is set, with Retry-After, and counts every call', async () => {
    const before = sim.graphCalls;
    sim.failGraph({ status: 429, retryAfterSeconds: 7 });
    const throttled = await me(graphToken);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(await throttled.json()).toEqual(graphError('TooManyRequests'));
    sim.failGraph({ status: 503 });
    const down = await me(graphToken);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBeNull();
    sim.failGraph(undefined);
    expect((await me(graphToken)).status).toBe(200);
    expect(sim.graphCalls).toBe(before + 3);
  });

  it('answers an unknown resource like Graph: 400 BadRequest', async () => {
    const response = await fetch(`${sim.graphBaseUrl}/v1.0/nothing-here`, { headers: { authorization: `Bearer ${graphToken}` } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("Resource not found for the segment 'nothing-here'.");
  });
});
