import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, BOT_FRAMEWORK_SCOPE, requestToken } from '../sim-test-support.spec-helpers.js';

const BOTFRAMEWORK_TENANT_ID = 'd6d49420-f39b-4df7-a1dc-d59a935871db';
const form = (overrides: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_id: APP_ID,
  client_secret: APP_PASSWORD,
  scope: BOT_FRAMEWORK_SCOPE,
  ...overrides,
});

function expectEntraError(body: Record<string, unknown>, error: string, code: number) {
  expect(body).toMatchObject({
    error,
    error_codes: [code],
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
    trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
  });
  expect(body['error_description']).toMatch(new RegExp(`^AADSTS${code}: .+\\r\\nTrace ID: .+\\r\\nCorrelation ID: .+\\r\\nTimestamp: `));
}

describe('Entra ID: client credentials token endpoint', () => {
  let sim: TeamsSim;

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, tokenLifetimeSeconds: 1800 });
  });
  afterAll(() => sim.close());

  it('issues a Bot Connector token for the bot', async () => {
    const response = await requestToken(sim, form());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ token_type: 'Bearer', expires_in: 1800, ext_expires_in: 1800, access_token: expect.any(String) });
    const token = body['access_token'] as string;
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
  });

  it('signs it with a key published in the tenant discovery documents, with the Bot Connector claims', async () => {
    const { access_token } = (await (await requestToken(sim, form())).json()) as { access_token: string };
    const metadataUrl = `${sim.authorityHost}/botframework.com/.well-known/openid-configuration`;
    const metadata = (await (await fetch(metadataUrl)).json()) as { issuer: string; jwks_uri: string };
    expect(metadata.issuer).toBe(`https://sts.windows.net/${BOTFRAMEWORK_TENANT_ID}/`);
    const { payload } = await jwtVerify(access_token, createRemoteJWKSet(new URL(metadata.jwks_uri)), {
      issuer: metadata.issuer,
      audience: 'https://api.botframework.com',
    });
    expect(payload).toMatchObject({ appid: APP_ID, appidacr: '1', tid: BOTFRAMEWORK_TENANT_ID, ver: '1.0', idtyp: 'app' });
    expect(payload.exp! - payload.iat!).toBe(1800);
  });

  it('issues tokens from a tenant-specific endpoint (single-tenant bots) and for Graph', async () => {
    const tenantId = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
    const response = await requestToken(sim, form({ scope: 'https://graph.microsoft.com/.default' }), tenantId);
    const { access_token } = (await response.json()) as { access_token: string };
    const v2 = (await (await fetch(`${sim.authorityHost}/${tenantId}/v2.0/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
      token_endpoint: string;
    };
    expect(v2.issuer).toBe(`https://login.microsoftonline.com/${tenantId}/v2.0`);
    expect(v2.token_endpoint).toBe(`${sim.authorityHost}/${tenantId}/oauth2/v2.0/token`);
    const { payload } = await jwtVerify(access_token, createRemoteJWKSet(new URL(v2.jwks_uri)), {
      issuer: `https://sts.windows.net/${tenantId}/`,
      audience: 'https://graph.microsoft.com',
    });
    expect(payload['tid']).toBe(tenantId);
  });

  it('issues v2.0 tokens for the bot app itself (app id + /.default)', async () => {
    const { access_token } = (await (await requestToken(sim, form({ scope: `api://${APP_ID}/.default` }))).json()) as {
      access_token: string;
    };
    const v2 = (await (await fetch(`${sim.authorityHost}/botframework.com/v2.0/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    const { payload } = await jwtVerify(access_token, createRemoteJWKSet(new URL(v2.jwks_uri)), {
      issuer: v2.issuer,
      audience: APP_ID,
    });
    expect(payload).toMatchObject({ azp: APP_ID, azpacr: '1', ver: '2.0' });
  });

  it('accepts the client credentials in a Basic Authorization header', async () => {
    const response = await fetch(`${sim.authorityHost}/botframework.com/oauth2/v2.0/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: BOT_FRAMEWORK_SCOPE }),
    });
    expect(response.status).toBe(200);
  });

  it('answers a wrong secret with 401 invalid_client AADSTS7000215', async () => {
    const response = await requestToken(sim, form({ client_secret: 'wrong' }));
    expect(response.status).toBe(401);
    const body = (await response.json()) as Record<string, unknown>;
    expectEntraError(body, 'invalid_client', 7000215);
    expect(body['error_description']).toContain(`for a secret added to app '${APP_ID}'`);
    expect(body['error_uri']).toBe('https://login.microsoftonline.com/error?code=7000215');
  });

  it('answers a missing secret with 401 invalid_client AADSTS7000218', async () => {
    const { client_secret: _omitted, ...withoutSecret } = form();
    const response = await requestToken(sim, withoutSecret);
    expect(response.status).toBe(401);
    expectEntraError((await response.json()) as Record<string, unknown>, 'invalid_client', 7000218);
  });

  it('answers a scope it does not know with 400 invalid_scope AADSTS70011', async () => {
    const response = await requestToken(sim, form({ scope: 'https://foo.microsoft.com/.default' }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expectEntraError(body, 'invalid_scope', 70011);
    expect(body['error_description']).toContain('The scope https://foo.microsoft.com/.default is not valid.');
  });

  it('answers an unknown client, grant type, missing parameter and unknown tenant like Entra', async () => {
    const unknownApp = await requestToken(sim, form({ client_id: '11111111-2222-3333-4444-555555555555' }));
    expect(unknownApp.status).toBe(400);
    expectEntraError((await unknownApp.json()) as Record<string, unknown>, 'unauthorized_client', 700016);

    const password = await requestToken(sim, form({ grant_type: 'password' }));
    expect(password.status).toBe(400);
    expectEntraError((await password.json()) as Record<string, unknown>, 'unsupported_grant_type', 70003);

    const { scope: _omitted, ...withoutScope } = form();
    const noScope = await requestToken(sim, withoutScope);
    expect(noScope.status).toBe(400);
    expectEntraError((await noScope.json()) as Record<string, unknown>, 'invalid_request', 900144);

    const tenant = await requestToken(sim, form(), 'no-such-tenant.example');
    expect(tenant.status).toBe(400);
    expectEntraError((await tenant.json()) as Record<string, unknown>, 'invalid_request', 90002);
  });

  it('counts every token request, so callers can check their caching', async () => {
    const before = sim.tokenRequests;
    await requestToken(sim, form());
    await requestToken(sim, form({ client_secret: 'wrong' }));
    expect(sim.tokenRequests).toBe(before + 2);
  });
});
