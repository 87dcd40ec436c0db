import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, CHAT_USER } from '../sim-test-support.spec-helpers.js';

const TAB = 'https://herald.example/console/';

describe('the Teams tab host', () => {
  let sim: TeamsSim;
  let v1: TeamsSim;
  const token = (target: TeamsSim, user: unknown) =>
    fetch(`${target.url}/tab/api/auth-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) });
  const keysOf = async (target: TeamsSim) => createLocalJWKSet((await (await fetch(`${target.authorityHost}/${target.tenantId}/discovery/v2.0/keys`)).json()) as JSONWebKeySet);

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
    v1 = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, exposedApi: { accessTokenAcceptedVersion: 1 } });
  });
  afterAll(async () => {
    await sim.close();
    await v1.close();
  });

  it('frames the tab with the context Teams gives it, and loads the host script', async () => {
    const page = await fetch(sim.tabHostUrl(TAB, { locale: 'de-DE', theme: 'contrast', entityId: 'console' }));
    expect(page.status).toBe(200);
    const html = await page.text();
    const config = JSON.parse(/<script id="tab-host-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!) as { tabUrl: string; tabOrigin: string; context: Record<string, unknown> };
    expect(config).toMatchObject({ tabUrl: TAB, tabOrigin: 'https://herald.example' });
    expect(config.context).toMatchObject({ locale: 'de-DE', theme: 'contrast', entityId: 'console', userObjectId: CHAT_USER, tid: sim.tenantId, loginHint: 'MeganB@contoso.example', hostClientType: 'web', frameContext: 'content' });
    expect(html).toContain('<script src="/tab/host.js"></script>');
    expect((await fetch(`${sim.url}/tab/host.js`)).headers.get('content-type')).toMatch(/javascript/);
  });

  it("gives the person's SSO token for the app: aud = app id (v2.0) or the Application ID URI (v1.0), obtained by the Teams web client", async () => {
    const v2Token = ((await (await token(sim, CHAT_USER)).json()) as { token: string }).token;
    const { payload } = await jwtVerify(v2Token, await keysOf(sim), { audience: APP_ID, issuer: `https://login.microsoftonline.com/${sim.tenantId}/v2.0` });
    expect(payload).toMatchObject({ scp: 'access_as_user', oid: CHAT_USER, azp: '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', azpacr: '0', ver: '2.0' });
    const v1Token = ((await (await token(v1, CHAT_USER)).json()) as { token: string }).token;
    const v1Claims = (await jwtVerify(v1Token, await keysOf(v1), { audience: `api://botid-${APP_ID}`, issuer: `https://sts.windows.net/${v1.tenantId}/` })).payload;
    expect(v1Claims).toMatchObject({ scp: 'access_as_user', upn: 'MeganB@contoso.example', ver: '1.0' });
  });

  it('answers resourceRequiresConsent for a person who has not consented, and refuses a request naming nobody', async () => {
    sim.setUser(CHAT_USER, { consented: false });
    const refused = await token(sim, CHAT_USER);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'resourceRequiresConsent' });
    sim.setUser(CHAT_USER, { consented: true });
    expect((await token(sim, 'megan')).status).toBe(400);
  });

  it("opens a configurable tab's configuration page in Teams' dialog (frameContext settings, a Save button) and records what was saved", async () => {
    const html = await (await fetch(sim.tabHostUrl(`${TAB}configure`, { frameContext: 'settings' }))).text();
    const config = JSON.parse(/<script id="tab-host-config" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!) as { context: Record<string, unknown>; tabConfigUrl: string };
    expect(config.context).toMatchObject({ frameContext: 'settings' });
    expect(html).toContain('<button id="tab-host-save" type="button" disabled>Save</button>');
    const wrong = await fetch(`${sim.url}/tab?url=${encodeURIComponent(TAB)}&frameContext=remove`);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ field: 'frameContext' });
    const settings = { entityId: 'console', contentUrl: TAB };
    const saved = await fetch(`${sim.url}${config.tabConfigUrl}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: CHAT_USER, config: settings }) });
    expect(saved.status).toBe(204);
    expect(await sim.waitForTabConfigs(1)).toEqual([{ user: CHAT_USER, config: settings }]);
  });
});
