import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, CHAT_USER, entraErrorShape, requestOnBehalfOf } from '../sim-test-support.spec-helpers.js';

const OTHER_TENANT = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

describe('Entra ID: the on-behalf-of grant (the bot trades the SSO token for a Graph token)', () => {
  let sim: TeamsSim;
  const errorOf = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, botName: 'Herald', tokenLifetimeSeconds: 1800 });
  });
  afterAll(() => sim.close());

  it('issues a v1.0 delegated Graph token of the user, issued to the bot', async () => {
    const response = await requestOnBehalfOf(sim, await sim.mintUserSsoToken());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      token_type: 'Bearer',
      scope: 'https://graph.microsoft.com/User.Read',
      expires_in: 1800,
      ext_expires_in: 1800,
      access_token: expect.any(String),
    });
    const jwks = createRemoteJWKSet(new URL(`${sim.authorityHost}/${sim.tenantId}/discovery/v2.0/keys`));
    const { payload } = await jwtVerify(body['access_token'] as string, jwks, {
      issuer: `https://sts.windows.net/${sim.tenantId}/`,
      audience: 'https://graph.microsoft.com',
    });
    expect(payload).toMatchObject({
      ver: '1.0',
      idtyp: 'user',
      appid: APP_ID,
      app_displayname: 'Herald',
      oid: CHAT_USER,
      tid: sim.tenantId,
      name: 'Megan Bowen',
      upn: 'MeganB@contoso.example',
      unique_name: 'MeganB@contoso.example',
      scp: 'User.Read openid profile email',
    });
    expect(payload.exp! - payload.iat!).toBe(1800);
  });

  it('accepts v1.0 SSO tokens, api:// audiences, .default, bare scopes and Basic client authentication', async () => {
    const v1 = await sim.mintUserSsoToken({ version: '1.0', audience: `api://botid-${APP_ID}` });
    expect((await requestOnBehalfOf(sim, v1, { scope: 'https://graph.microsoft.com/.default' })).status).toBe(200);
    expect((await requestOnBehalfOf(sim, await sim.mintUserSsoToken(), { scope: 'User.Read openid' })).status).toBe(200);
    const basic = await fetch(`${sim.authorityHost}/${sim.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${APP_ID}:${APP_PASSWORD}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: await sim.mintUserSsoToken(),
        scope: 'https://graph.microsoft.com/User.Read',
        requested_token_use: 'on_behalf_of',
      }),
    });
    expect(basic.status).toBe(200);
  });

  it('refuses a token signed by a key Entra never published: AADSTS50013', async () => {
    const { status, body } = await errorOf(await requestOnBehalfOf(sim, await sim.mintUserSsoToken({ unknownKey: true })));
    expect(status).toBe(400);
    expect(body).toMatchObject(entraErrorShape('invalid_grant', 50013));
    expect(body['error_description']).toMatch(/^AADSTS50013: Assertion failed signature validation\. \[Reason - The key was not found\., Thumbprint of key used by client: '[0-9A-F]{40}'\]/);
  });

  it('refuses an expired token: AADSTS500133 naming both times', async () => {
    const { status, body } = await errorOf(await requestOnBehalfOf(sim, await sim.mintUserSsoToken({ expiresInSeconds: -60 })));
    expect(status).toBe(400);
    expect(body).toMatchObject(entraErrorShape('invalid_grant', 500133));
    expect(body['error_description']).toMatch(/Current time: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z, expiry time of assertion \d{4}-.+Z\./);
  });

  it("refuses a token for another app (AADSTS500131) and one of another tenant (AADSTS50013)", async () => {
    const otherApp = await requestOnBehalfOf(sim, await sim.mintUserSsoToken({ audience: 'api://botid-00000000-0000-0000-0000-000000000001' }));
    const audience = await errorOf(otherApp);
    expect(audience.body).toMatchObject(entraErrorShape('invalid_grant', 500131));
    expect(audience.body['error_description']).toContain(`the expected audience is '${APP_ID}'`);

    const otherTenant = await errorOf(await requestOnBehalfOf(sim, await sim.mintUserSsoToken({ tenantId: OTHER_TENANT })));
    expect(otherTenant).toMatchObject({ status: 400, body: entraErrorShape('invalid_grant', 50013) });
    expect((await requestOnBehalfOf(sim, await sim.mintUserSsoToken({ tenantId: OTHER_TENANT }), {}, OTHER_TENANT)).status).toBe(200);
  });

  it('answers consent_required (AADSTS65001) for a user who never consented and for a permission nobody consented to', async () => {
    const person = 'c4d5e6f7-0a1b-4c2d-8e3f-9a0b1c2d3e4f';
    sim.setUser(person, { displayName: 'Lee Gu', consented: false });
    const noConsent = await errorOf(await requestOnBehalfOf(sim, await sim.mintUserSsoToken({ aadObjectId: person })));
    expect(noConsent).toMatchObject({ status: 400, body: { ...entraErrorShape('invalid_grant', 65001), suberror: 'consent_required' } });
    expect(noConsent.body['error_description']).toContain(`application with ID '${APP_ID}' named 'Herald'`);

    const mail = await requestOnBehalfOf(sim, await sim.mintUserSsoToken(), { scope: 'https://graph.microsoft.com/Mail.Read' });
    expect(await errorOf(mail)).toMatchObject({ status: 400, body: { error_codes: [65001], suberror: 'consent_required' } });
  });

  it('checks the client and the request first, like Entra', async () => {
    const assertion = await sim.mintUserSsoToken();
    const wrongSecret = await errorOf(await requestOnBehalfOf(sim, assertion, { client_secret: 'wrong' }));
    expect(wrongSecret).toMatchObject({ status: 401, body: entraErrorShape('invalid_client', 7000215) });
    const noAssertion = await errorOf(await requestOnBehalfOf(sim, '', { assertion: '' }));
    expect(noAssertion).toMatchObject({ status: 400, body: entraErrorShape('invalid_request', 900144) });
    expect(noAssertion.body['error_description']).toContain("parameter: 'assertion'");
    const use = await errorOf(await requestOnBehalfOf(sim, assertion, { requested_token_use: 'something' }));
    expect(use).toMatchObject({ status: 400, body: entraErrorShape('invalid_request', 90100) });
    const scope = await errorOf(await requestOnBehalfOf(sim, assertion, { scope: 'https://foo.example/Read' }));
    expect(scope).toMatchObject({ status: 400, body: entraErrorShape('invalid_scope', 70011) });
    const garbage = await errorOf(await requestOnBehalfOf(sim, 'not-a-jwt'));
    expect(garbage).toMatchObject({ status: 400, body: entraErrorShape('invalid_grant', 50027) });
  });

  it('counts on-behalf-of requests, failed ones included', async () => {
    const before = { obo: sim.oboRequests, all: sim.tokenRequests };
    await requestOnBehalfOf(sim, await sim.mintUserSsoToken());
    await requestOnBehalfOf(sim, 'not-a-jwt');
    expect(sim.oboRequests).toBe(before.obo + 2);
    expect(sim.tokenRequests).toBe(before.all + 2);
  });
});
