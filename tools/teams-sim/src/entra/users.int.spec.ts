import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, CHAT_USER, callConnector, connectorToken } from '../sim-test-support.spec-helpers.js';

const TEAMS_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

describe('Entra ID: the tenant directory and the SSO token the Teams client gets', () => {
  let sim: TeamsSim;
  const jwks = () => createRemoteJWKSet(new URL(`${sim.authorityHost}/${sim.tenantId}/discovery/v2.0/keys`));
  const member = async (userId: string) => {
    const path = `v3/conversations/${encodeURIComponent(sim.chatConversationId)}/members/${encodeURIComponent(userId)}`;
    return (await (await callConnector(sim, 'GET', path, { token: await connectorToken(sim) })).json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
  });
  afterAll(() => sim.close());

  it('knows the chat page user as Megan Bowen, the same in the directory and to the member API', async () => {
    expect(sim.getUser(CHAT_USER)).toMatchObject({
      id: CHAT_USER,
      displayName: 'Megan Bowen',
      userPrincipalName: 'MeganB@contoso.example',
      mail: 'MeganB@contoso.example',
      givenName: 'Megan',
      surname: 'Bowen',
      tenantId: sim.tenantId,
      consented: true,
    });
    const session = (await (await fetch(`${sim.url}/chat/api/session`)).json()) as { user: { id: string; name: string } };
    expect(session.user.name).toBe('Megan Bowen');
    expect(await member(session.user.id)).toMatchObject({
      aadObjectId: CHAT_USER,
      name: 'Megan Bowen',
      userPrincipalName: 'MeganB@contoso.example',
      email: 'MeganB@contoso.example',
      tenantId: sim.tenantId,
    });
  });

  it('keeps a member and the Entra user of the same object id in step, whichever side a test describes', async () => {
    sim.setMember('29:ada', { name: 'Ada Lovelace', userPrincipalName: 'Ada.Lovelace@contoso.example' });
    const ada = await member('29:ada');
    expect(sim.getUser(ada['aadObjectId'] as string)).toMatchObject({ displayName: 'Ada Lovelace', userPrincipalName: 'Ada.Lovelace@contoso.example' });

    sim.setUser(ada['aadObjectId'] as string, { displayName: 'Ada King', mail: 'ada@contoso.example' });
    expect(await member('29:ada')).toMatchObject({ name: 'Ada King', email: 'ada@contoso.example' });
    expect(sim.getUser('0b7e2d4c-5a61-4f38-9c2e-7d1a3b5c9e01')).toEqual(sim.getUser('0b7e2d4c-5a61-4f38-9c2e-7d1a3b5c9e01'));
  });

  it('mints the v2.0 SSO token of the Teams docs: for the bot, obtained by the Teams client, signed by Entra', async () => {
    const token = await sim.mintUserSsoToken();
    const metadata = (await (await fetch(`${sim.authorityHost}/${sim.tenantId}/v2.0/.well-known/openid-configuration`)).json()) as { issuer: string };
    const { payload } = await jwtVerify(token, jwks(), { issuer: metadata.issuer, audience: APP_ID });
    expect(payload).toMatchObject({
      ver: '2.0',
      azp: TEAMS_CLIENT_ID,
      azpacr: '0',
      scp: 'access_as_user',
      oid: CHAT_USER,
      tid: sim.tenantId,
      name: 'Megan Bowen',
      preferred_username: 'MeganB@contoso.example',
      uti: expect.any(String),
    });
    expect(payload.sub).toMatch(/^[\w-]{43}$/);
    expect(payload.sub).not.toBe(CHAT_USER);
    expect(payload.exp! - payload.iat!).toBe(3600);
  });

  it('mints v1.0 tokens (sts.windows.net issuer, appid, upn), other users, tenants and audiences', async () => {
    const person = '0b7e2d4c-5a61-4f38-9c2e-7d1a3b5c9e01';
    sim.setUser(person, { displayName: 'Adele Vance', userPrincipalName: 'AdeleV@contoso.example', tenantId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890' });
    const token = await sim.mintUserSsoToken({ aadObjectId: person, version: '1.0', audience: `api://botid-${APP_ID}`, scp: 'access_as_user User.Read' });
    const { payload } = await jwtVerify(token, jwks(), { issuer: 'https://sts.windows.net/a1b2c3d4-e5f6-7890-abcd-ef1234567890/' });
    expect(payload).toMatchObject({
      ver: '1.0',
      aud: `api://botid-${APP_ID}`,
      appid: TEAMS_CLIENT_ID,
      appidacr: '0',
      upn: 'AdeleV@contoso.example',
      unique_name: 'AdeleV@contoso.example',
      name: 'Adele Vance',
      oid: person,
      scp: 'access_as_user User.Read',
    });
    expect(payload).not.toHaveProperty('azp');
  });

  it('mints expired, not-yet-valid and unverifiable tokens for tests of refusals', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = decodeJwt(await sim.mintUserSsoToken({ expiresInSeconds: -60 }));
    expect(expired.exp).toBeLessThanOrEqual(now - 59);
    expect(expired.iat).toBeLessThan(expired.exp!);
    const early = decodeJwt(await sim.mintUserSsoToken({ notBeforeSeconds: 600 }));
    expect(early.nbf).toBeGreaterThanOrEqual(now + 600);
    await expect(jwtVerify(await sim.mintUserSsoToken({ unknownKey: true }), jwks())).rejects.toThrow(/no applicable key/i);
  });
});
