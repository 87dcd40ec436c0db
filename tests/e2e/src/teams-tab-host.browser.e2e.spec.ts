import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID } from '@herald/config';
import type { TeamsSim } from '@herald/teams-sim';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * teams-sim's Teams client around a tab, in headless Chromium: a page on another origin that uses
 * Microsoft's own TeamsJS 2.x (its published bundle, as the console ships it) initialises, reads
 * its context and gets the person's single sign-on token from the host — or Teams' failure — and
 * Herald's console API accepts that token.
 */

const CHROMIUM = '/usr/bin/chromium';
/** The Teams web client (Entra's client id for it): a tab in Teams on the web gets its SSO token through it. */
const TEAMS_WEB_CLIENT_ID = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
const ADELE = '0b7e2d4c-5a61-4f38-9c2e-7d1a3b5c9e01';
const TEAMS_JS = readFileSync(createRequire(import.meta.url).resolve('@microsoft/teams-js'), 'utf8');

/**
 * A minimal tab: TeamsJS from its own origin, the Teams host's origin as its valid message origin (dev hosts
 * are not Microsoft's). It asks for its SSO token, or (`signin=<page>`) signs in in a window of the host's.
 */
const TAB_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>tab</title><script src="/teams-js.js"></script></head><body>
<script>
window.result = (async () => {
  const query = new URL(location.href).searchParams;
  const host = query.get('host');
  await microsoftTeams.app.initialize([host]);
  const context = await microsoftTeams.app.getContext();
  try {
    if (query.get('signin')) return { context, signedIn: await microsoftTeams.authentication.authenticate({ url: '/' + query.get('signin') + '?host=' + encodeURIComponent(host) }) };
    return { context, token: await microsoftTeams.authentication.getAuthToken() };
  } catch (error) {
    return { context, error: error.message };
  }
})();
</script></body></html>`;

/** The sign-in window's last page: TeamsJS in the authentication frame context hands the result to the tab. */
const SIGNIN_DONE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><script src="/teams-js.js"></script></head><body>
<script>
(async () => {
  await microsoftTeams.app.initialize([new URL(location.href).searchParams.get('host')]);
  const context = await microsoftTeams.app.getContext();
  microsoftTeams.authentication.notifySuccess('signed in, in the ' + context.page.frameContext + ' window');
})();
</script></body></html>`;
/** A sign-in window the person closes. */
const SIGNIN_CLOSED_PAGE = '<!doctype html><html><body><script>setTimeout(() => window.close(), 100);</script></body></html>';

let herald: Herald;
let sim: TeamsSim;
let tabServer: Server;
let tabOrigin: string;
let browser: Browser | undefined;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`This test drives Debian's Chromium at ${CHROMIUM}, which is not installed. Install it with: apt-get install -y chromium`);
  herald = await startHerald({ env: { HERALD_AUTHORS: 'AdeleV@contoso.example' } });
  sim = herald.sim;
  // Over https, as Teams requires of tabs (and TeamsJS of sign-in windows); Chromium is told to trust it.
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], { keySize: 2048, extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }] });
  tabServer = createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const path = new URL(request.url ?? '/', 'http://tab').pathname;
    if (path === '/teams-js.js') return void response.writeHead(200, { 'content-type': 'application/javascript' }).end(TEAMS_JS);
    const page = { '/signin-done': SIGNIN_DONE_PAGE, '/signin-closed': SIGNIN_CLOSED_PAGE }[path] ?? TAB_PAGE;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => tabServer.listen(0, '127.0.0.1', resolve));
  tabOrigin = `https://127.0.0.1:${(tabServer.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context = await browser.newContext({ ignoreHTTPSErrors: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => tabServer?.close(resolve));
  await herald?.close();
});

interface TabResult {
  context: { app: { locale: string; theme: string; host: { clientType: string; name: string } }; page: { frameContext: string }; user: { id: string; loginHint: string; userPrincipalName: string; tenant: { id: string } } };
  token?: string;
  signedIn?: string;
  error?: string;
}

/** Opens the tab in the host for `query` and waits for what the tab got from TeamsJS; also what the host was asked. */
async function openTab(query: Parameters<TeamsSim['tabHostUrl']>[1], signin?: string): Promise<{ result: TabResult; calls: string[] }> {
  const page = await context.newPage();
  try {
    const tabUrl = `${tabOrigin}/?host=${encodeURIComponent(sim.url)}${signin ? `&signin=${signin}` : ''}`;
    await page.goto(sim.tabHostUrl(tabUrl, query), { waitUntil: 'load' });
    const frame = await (await page.waitForSelector('iframe#tab')).contentFrame();
    await frame!.waitForFunction(() => (globalThis as unknown as { result?: unknown }).result !== undefined);
    const result = (await frame!.evaluate(() => (globalThis as unknown as { result: Promise<unknown> }).result)) as TabResult;
    const calls = await page.evaluate(() => (globalThis as unknown as { tabHost: { calls: string[] } }).tabHost.calls);
    return { result, calls };
  } finally {
    await page.close();
  }
}

async function verifySso(token: string) {
  const keys = (await (await fetch(`${sim.authorityHost}/${sim.tenantId}/discovery/v2.0/keys`)).json()) as JSONWebKeySet;
  return (await jwtVerify(token, createLocalJWKSet(keys), { issuer: `https://login.microsoftonline.com/${sim.tenantId}/v2.0`, audience: DEV_APP_ID })).payload;
}

describe('the Teams tab host (TeamsJS 2.x over postMessage)', () => {
  it("initialises the real TeamsJS, gives the person's context and their SSO token for the app", async () => {
    sim.setUser(ADELE, { displayName: 'Adele Vance', userPrincipalName: 'AdeleV@contoso.example' });
    const { result, calls } = await openTab({ user: ADELE, locale: 'de-DE', theme: 'dark' });
    expect(result.error).toBeUndefined();
    expect(result.context).toMatchObject({
      app: { locale: 'de-DE', theme: 'dark', host: { clientType: 'web', name: 'Teams' } },
      page: { frameContext: 'content' },
      user: { id: ADELE, loginHint: 'AdeleV@contoso.example', userPrincipalName: 'AdeleV@contoso.example', tenant: { id: sim.tenantId } },
    });
    expect(await verifySso(result.token!)).toMatchObject({ aud: DEV_APP_ID, scp: 'access_as_user', oid: ADELE, tid: sim.tenantId, azp: TEAMS_WEB_CLIENT_ID, preferred_username: 'AdeleV@contoso.example', ver: '2.0' });
    expect(calls).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    const me = await fetch(`${herald.gatewayUrl}/api/v1/console/me`, { headers: { authorization: `Bearer ${result.token!}` } });
    expect(me.status, "the console API accepts the tab's token").toBe(200);
    expect(await me.json()).toMatchObject({ aadObjectId: ADELE, upn: 'AdeleV@contoso.example' });
  }, 60_000);

  it('fails getAuthToken as Teams does for a person who has not consented to the app', async () => {
    const declined = '6a1f3c9e-2b7d-4e80-a5c4-9d3e1f7b2a60';
    sim.setUser(declined, { consented: false });
    const { result } = await openTab({ user: declined });
    expect(result.context.app.locale).toBe('en-US');
    expect(result.context.app.theme).toBe('default');
    expect(result.token).toBeUndefined();
    expect(result.error).toBe('resourceRequiresConsent');
  }, 60_000);

  it('opens a sign-in window for authentication.authenticate: its notifySuccess reaches the tab; closing it cancels', async () => {
    const done = await openTab({}, 'signin-done');
    expect(done.result, JSON.stringify({ error: done.result.error, calls: done.calls })).toMatchObject({ signedIn: 'signed in, in the authentication window' });
    expect(done.calls).toEqual(expect.arrayContaining(['authentication.authenticate', 'authentication window: initialize', 'authentication window: authentication.authenticate.success']));
    const closed = await openTab({}, 'signin-closed');
    expect(closed.result.error).toBe('CancelledByUser');
  }, 60_000);

  it('names the wrong field of a tab request (400 problem+json)', async () => {
    for (const [query, field] of [
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: `${tabOrigin}/`, user: 'megan' }, 'user'],
      [{ url: `${tabOrigin}/`, theme: 'neon' }, 'theme'],
    ] as const) {
      const response = await fetch(`${sim.url}/tab?${new URLSearchParams(query).toString()}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await response.json()).toMatchObject({ status: 400, field });
    }
  });
});
