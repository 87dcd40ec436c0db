import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthApp } from '@herald/auth/app';
import { authConfigSchema } from '@herald/auth/config';
import { DEV_APP_ID, DEV_GATEWAY_URL, parseConfig } from '@herald/config';
import { createLogger } from '@herald/telemetry';
import { freePort } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * The console's browser sign-in, driven like a browser: Herald's /auth/console/signin → Entra's
 * authorize endpoint (teams-sim, OIDC code flow with PKCE and a nonce) → /auth/console/callback →
 * back at the console page with an access token for Herald's API in the URL fragment, which the
 * gateway's console API accepts (GET /api/v1/console/me: an author, or 403 for anyone else).
 */

const CHAT_USER = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';
/** Dev mode: the console is the dev gateway's /console (CONSOLE_PUBLIC_URL's default). */
const CONSOLE = `${DEV_GATEWAY_URL}/console`;
let herald: Herald;

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_AUTHORS: 'MeganB@contoso.example' } });
});

afterAll(async () => {
  await herald?.close();
});

interface Answer {
  status: number;
  location: string;
  cookies: string[];
  body: string;
  type: string;
}

async function get(url: string, cookies: string[] = [], headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, { redirect: 'manual', headers: { cookie: cookies.join('; '), ...headers } });
  return {
    status: response.status,
    location: response.headers.get('location') ?? '',
    cookies: response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!),
    body: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

const signinUrl = (query: Record<string, string>) => `${herald.authUrl}/auth/console/signin?${new URLSearchParams(query).toString()}`;

/** Starts a sign-in and lets Entra sign the person in: the callback URL Entra sends the browser to, and the browser's cookies. */
async function throughEntra(query: Record<string, string>): Promise<{ callback: URL; cookies: string[]; authorize: URL }> {
  const start = await get(signinUrl(query));
  expect(start.status, start.body).toBe(302);
  const authorize = new URL(start.location);
  expect(authorize.pathname).toBe('/organizations/oauth2/v2.0/authorize');
  expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
    client_id: DEV_APP_ID,
    response_type: 'code',
    redirect_uri: `${herald.authUrl}/auth/console/callback`,
    scope: `openid profile offline_access api://botid-${DEV_APP_ID}/access_as_user`,
    code_challenge_method: 'S256',
  });
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  const entra = await get(authorize.toString());
  expect(entra.status, entra.body).toBe(302);
  return { callback: new URL(entra.location), cookies: start.cookies, authorize };
}

/** The console API's answer to the token: who the author is, or why not. */
async function consoleMe(token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${herald.gatewayUrl}/api/v1/console/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function verifyAccessToken(token: string) {
  const keys = (await (await fetch(`${herald.sim.authorityHost}/${herald.sim.tenantId}/discovery/v2.0/keys`)).json()) as JSONWebKeySet;
  const { payload } = await jwtVerify(token, createLocalJWKSet(keys), { issuer: `https://login.microsoftonline.com/${herald.sim.tenantId}/v2.0`, audience: DEV_APP_ID });
  return payload;
}

describe("the console's browser sign-in", () => {
  it('ends at the console page with an access token for Herald’s API (aud, scp, tid, oid) in the fragment', async () => {
    const returnTo = `${CONSOLE}/messages?state=sent`;
    const { callback, cookies } = await throughEntra({ returnTo });
    expect(`${callback.origin}${callback.pathname}`).toBe(`${herald.authUrl}/auth/console/callback`);
    const back = await get(callback.toString(), cookies);
    expect(back.status, back.body).toBe(303);
    const landed = new URL(back.location);
    expect(`${landed.origin}${landed.pathname}${landed.search}`).toBe(returnTo);
    const fragment = new URLSearchParams(landed.hash.slice(1));
    expect(fragment.get('token_type')).toBe('Bearer');
    expect(Number(fragment.get('expires_in'))).toBeGreaterThan(60);
    const claims = await verifyAccessToken(fragment.get('access_token')!);
    expect(claims).toMatchObject({ aud: DEV_APP_ID, scp: 'access_as_user', tid: herald.sim.tenantId, oid: CHAT_USER, azp: DEV_APP_ID, preferred_username: 'MeganB@contoso.example', ver: '2.0' });
    expect(back.cookies, 'the binding cookie is removed').toContain('herald-console-signin=');
    expect(await consoleMe(fragment.get('access_token')!)).toEqual({ status: 200, body: { aadObjectId: CHAT_USER, tenantId: herald.sim.tenantId, upn: 'MeganB@contoso.example', name: 'Megan Bowen' } });
    expect(herald.logs.lines.some((line) => JSON.stringify(line).includes('console sign-in completed'))).toBe(true);
  });

  it('signs in the person the console names (loginHint), and the code works once', async () => {
    const adele = '0b7e2d4c-5a61-4f38-9c2e-7d1a3b5c9e01';
    herald.sim.setUser(adele, { displayName: 'Adele Vance', userPrincipalName: 'AdeleV@contoso.example' });
    const { callback, cookies, authorize } = await throughEntra({ returnTo: `${CONSOLE}/`, loginHint: 'AdeleV@contoso.example' });
    expect(authorize.searchParams.get('login_hint')).toBe('AdeleV@contoso.example');
    const back = await get(callback.toString(), cookies);
    const token = new URLSearchParams(new URL(back.location).hash.slice(1)).get('access_token')!;
    expect(await verifyAccessToken(token)).toMatchObject({ oid: adele, preferred_username: 'AdeleV@contoso.example', name: 'Adele Vance' });
    expect(await consoleMe(token), 'Adele is no author').toMatchObject({ status: 403, body: { type: 'https://herald.dev/problems/not-an-author' } });

    const again = await get(callback.toString(), cookies);
    expect(again.status).toBe(400);
    expect(again.body).toMatch(/Sign-in did not complete/);
    expect(again.body).toMatch(/AADSTS54005/);
  });

  it('refuses to return anywhere but the console (no open redirect): 400, as a page or as problem+json', async () => {
    for (const returnTo of ['https://evil.example/console', `${DEV_GATEWAY_URL}/api/v1/notifications`, 'http://127.0.0.1:3978.evil.example/console', '']) {
      const refused = await get(signinUrl({ returnTo }));
      expect(refused.status, returnTo).toBe(400);
      expect(refused.location).toBe('');
      expect(refused.body).toMatch(/This sign-in address is not valid/);
    }
    const program = await get(signinUrl({ returnTo: 'https://evil.example/console' }), [], { accept: 'application/json' });
    expect(program.status).toBe(400);
    expect(program.type).toMatch(/application\/problem\+json/);
    expect(JSON.parse(program.body)).toMatchObject({ status: 400, field: 'returnTo' });
  });

  it('refuses a tampered state, and a callback in another browser, with a page to try again', async () => {
    const { callback, cookies } = await throughEntra({ returnTo: `${CONSOLE}/`, locale: 'en-GB' });
    const tampered = new URL(callback);
    const state = tampered.searchParams.get('state')!;
    tampered.searchParams.set('state', `${state.slice(0, -2)}${state.endsWith('A') ? 'BB' : 'AA'}`);
    const forged = await get(tampered.toString(), cookies);
    expect(forged.status).toBe(400);
    expect(forged.location).toBe('');
    expect(forged.body).toMatch(/This sign-in is no longer valid/);
    const tryAgain = /id="try-again" href="([^"]+)"/.exec(forged.body)?.[1]?.replace(/&#38;/g, '&');
    expect(tryAgain).toBe(`${herald.authUrl}/auth/console/signin?returnTo=${encodeURIComponent(`${CONSOLE}`)}`);
    expect((await get(tryAgain!)).status, 'Try again starts a new sign-in').toBe(302);

    const elsewhere = await get(callback.toString(), []);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).not.toMatch(/access_token/);
    const stillValid = await get(callback.toString(), cookies);
    expect(stillValid.status, 'the refused attempts did not use the code').toBe(303);
  });

  it("says what Entra refused, in the console's language: consent missing, declined", async () => {
    const { callback, cookies } = await throughEntra({ returnTo: `${CONSOLE}/`, locale: 'de-DE' });
    const consent = new URL(`${herald.authUrl}/auth/console/callback`);
    consent.search = new URLSearchParams({ error: 'consent_required', error_description: 'AADSTS65001: The user or administrator has not consented to use the application.', state: callback.searchParams.get('state')! }).toString();
    const page = await get(consent.toString(), cookies);
    expect(page.status).toBe(400);
    expect(page.body).toMatch(/<html lang="de">/);
    expect(page.body).toMatch(/Herald braucht Ihre Zustimmung/);
    expect(page.body).toMatch(/Erneut versuchen/);

    const declined = await throughEntra({ returnTo: `${CONSOLE}/` });
    const cancelled = new URL(`${herald.authUrl}/auth/console/callback`);
    cancelled.search = new URLSearchParams({ error: 'access_denied', state: declined.callback.searchParams.get('state')! }).toString();
    const english = await get(cancelled.toString(), declined.cookies, { 'accept-language': 'fr-FR, en;q=0.5' });
    expect(english.body).toMatch(/Sign-in was cancelled/);
    expect(english.body).toMatch(/Try again/);
  });

  it('says so when Entra cannot be reached (503), with a way to try again', async () => {
    // A replica whose Entra drops every connection: the sign-in starts, the code cannot be redeemed.
    const broken = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    const env = { ...herald.env, PORT: String(port), AUTH_PUBLIC_URL: `http://127.0.0.1:${port}`, AAD_AUTHORITY_HOST: `http://127.0.0.1:${(broken.address() as AddressInfo).port}` };
    const replica = await createAuthApp(parseConfig(authConfigSchema, env), createLogger({ service: 'auth-no-entra', level: 'warn', destination: herald.logs }));
    await replica.listen({ port, host: '127.0.0.1' });
    try {
      const start = await get(`http://127.0.0.1:${port}/auth/console/signin?${new URLSearchParams({ returnTo: `${CONSOLE}/`, locale: 'de-DE' }).toString()}`);
      const state = new URL(start.location).searchParams.get('state')!;
      const page = await get(`http://127.0.0.1:${port}/auth/console/callback?${new URLSearchParams({ code: '1.any', state }).toString()}`, start.cookies);
      expect(page.status).toBe(503);
      expect(page.body).toMatch(/Die Anmeldung ist nicht verfügbar/);
      expect(page.body).toMatch(/id="try-again"/);
    } finally {
      await replica.close();
      broken.close();
    }
    // A second auth replica's close drains its JetStream consumers, which can wait out a pull in flight.
  }, 60_000);
});
