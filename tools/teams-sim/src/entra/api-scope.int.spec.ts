import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, CHAT_USER, entraErrorShape, requestToken } from '../sim-test-support.spec-helpers.js';

const REDIRECT = 'http://127.0.0.1:3979/auth/console/callback';
const API_SCOPE = `api://botid-${APP_ID}/access_as_user`;

describe("Entra ID: the authorization code flow for the app's own API (Expose an API)", () => {
  let sim: TeamsSim;
  let v1: TeamsSim;
  const signIn = async (target: TeamsSim, tenant: string, scope: string) => {
    const query = new URLSearchParams({ client_id: APP_ID, response_type: 'code', redirect_uri: REDIRECT, scope, state: 's', nonce: 'n-1' });
    const response = await fetch(`${target.authorityHost}/${tenant}/oauth2/v2.0/authorize?${query.toString()}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!).searchParams.get('code')!;
  };
  const redeem = (target: TeamsSim, tenant: string, code: string, scope?: string) =>
    requestToken(target, { grant_type: 'authorization_code', client_id: APP_ID, client_secret: APP_PASSWORD, code, redirect_uri: REDIRECT, ...(scope ? { scope } : {}) }, tenant);
  const verify = async (target: TeamsSim, token: string, audience: string, issuer: string) => {
    const keys = (await (await fetch(`${target.authorityHost}/${target.tenantId}/discovery/v2.0/keys`)).json()) as JSONWebKeySet;
    return (await jwtVerify(token, createLocalJWKSet(keys), { audience, issuer })).payload;
  };

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
    v1 = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, exposedApi: { accessTokenAcceptedVersion: 1 } });
  });
  afterAll(async () => {
    await sim.close();
    await v1.close();
  });

  it('issues a v2.0 token for the API (aud = app id, scp = access_as_user, azp = the app) and an id_token, at /organizations', async () => {
    const code = await signIn(sim, 'organizations', `openid profile offline_access ${API_SCOPE}`);
    const response = await redeem(sim, 'organizations', code);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(body).toMatchObject({ token_type: 'Bearer', scope: `${API_SCOPE} openid profile`, expires_in: 3599 });
    const issuer = `https://login.microsoftonline.com/${sim.tenantId}/v2.0`;
    const access = await verify(sim, body['access_token']!, APP_ID, issuer);
    expect(access).toMatchObject({ scp: 'access_as_user', oid: CHAT_USER, tid: sim.tenantId, azp: APP_ID, azpacr: '1', ver: '2.0', preferred_username: 'MeganB@contoso.example', name: 'Megan Bowen' });
    expect(await verify(sim, body['id_token']!, APP_ID, issuer)).toMatchObject({ nonce: 'n-1', oid: CHAT_USER });
  });

  it('issues a v1.0 token whose aud is the Application ID URI asked for, when the API accepts v1.0 tokens', async () => {
    const body = (await (await redeem(v1, v1.tenantId, await signIn(v1, v1.tenantId, `openid ${API_SCOPE}`))).json()) as Record<string, string>;
    const access = await verify(v1, body['access_token']!, `api://botid-${APP_ID}`, `https://sts.windows.net/${v1.tenantId}/`);
    expect(access).toMatchObject({ scp: 'access_as_user', appid: APP_ID, ver: '1.0', upn: 'MeganB@contoso.example' });
  });

  it('refuses scopes of two resources (AADSTS28000) and a scope the API does not expose (AADSTS70011)', async () => {
    const mixed = await redeem(sim, sim.tenantId, await signIn(sim, sim.tenantId, `openid ${API_SCOPE} User.Read`));
    expect(await mixed.json()).toMatchObject(entraErrorShape('invalid_scope', 28000));
    const unknown = await redeem(sim, sim.tenantId, await signIn(sim, sim.tenantId, `openid api://botid-${APP_ID}/Files.Everything`));
    expect(await unknown.json()).toMatchObject(entraErrorShape('invalid_scope', 70011));
  });

  it("describes /organizations with the {tenantid} issuer template, as Entra's discovery document does", async () => {
    const document = (await (await fetch(`${sim.authorityHost}/organizations/v2.0/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(document).toMatchObject({
      issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
      authorization_endpoint: `${sim.authorityHost}/organizations/oauth2/v2.0/authorize`,
      token_endpoint: `${sim.authorityHost}/organizations/oauth2/v2.0/token`,
    });
  });

  it('still gives Graph tokens for Graph scopes (the OAuth fallback), and redeems an /organizations code only there', async () => {
    const graph = (await (await redeem(sim, sim.tenantId, await signIn(sim, sim.tenantId, 'openid profile User.Read'))).json()) as Record<string, string>;
    expect(graph['scope']).toBe('https://graph.microsoft.com/User.Read openid profile');
    const elsewhere = await redeem(sim, '0b6e2c1d-93a4-4f55-8d1c-7e2a9b3c4d5e', await signIn(sim, 'organizations', `openid ${API_SCOPE}`));
    expect(await elsewhere.json()).toMatchObject(entraErrorShape('invalid_grant', 700005));
  });
});
