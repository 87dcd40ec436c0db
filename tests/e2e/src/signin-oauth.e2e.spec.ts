import http from 'node:http';
import https from 'node:https';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@herald/config';
import { createAuthApp } from '@herald/auth/app';
import { authConfigSchema } from '@herald/auth/config';
import { createLogger } from '@herald/telemetry';
import { verifyStateInvoke } from '@herald/teams-sim';
import { CapturedLogs, eventually, freePort } from '@herald/testing';
import { textsTo } from './chat-transcript.js';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * The OAuth fallback without a browser: the sign-in link of the OAuth card, Entra's authorize
 * endpoint (teams-sim, https), the callback, the code page; then the code, redeemed once, by its
 * owner only, within its lifetime. (tests/e2e/src/chat-page.browser.e2e.spec.ts drives the same
 * flow in Chromium on the chat page.)
 */

const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';
const CHAT_USER = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';
let herald: Herald;
let database: pg.Client;

beforeAll(async () => {
  herald = await startHerald();
  await herald.startRouter();
  database = new pg.Client({ connectionString: herald.databaseUrl });
  await database.connect();
});

afterAll(async () => {
  await database?.end();
  await herald?.close();
});

/** The chat page user writes `text`; resolves once Herald replied. */
async function say(text: string): Promise<void> {
  const response = await fetch(`${herald.sim.url}/chat/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  expect(response.status).toBe(200);
  const { id } = (await response.json()) as { id: string };
  await herald.sim.waitForConnectorCalls((call) => call.operation === 'replyToActivity' && call.activityId === id, 1, 10_000);
}

/**
 * The sign-in button's URL of a new OAuth card in the chat, once single sign-on failed (Megan has
 * not consented to Herald yet: the on-behalf-of exchange is refused, Teams shows the button).
 */
async function signInLink(): Promise<string> {
  await say('signout');
  herald.sim.setUser(CHAT_USER, { consented: false });
  const before = herald.sim.connectorCalls.length;
  const exchanges = herald.sim.tokenExchanges.length;
  await say('signin');
  const [call] = await herald.sim.waitForConnectorCalls(
    (c) => herald.sim.connectorCalls.indexOf(c) >= before && ((c.body as { attachments?: { contentType: string }[] } | null)?.attachments ?? []).some((a) => a.contentType === OAUTH_CARD),
    1,
    10_000,
  );
  const card = (call!.body as { attachments: { content: { buttons: { type: string; value: string }[] } }[] }).attachments[0]!.content;
  expect(card.buttons[0]).toMatchObject({ type: 'signin', value: expect.stringContaining('/auth/start?state=') });
  const [exchange] = await herald.sim.waitForTokenExchanges(exchanges + 1, 10_000).then((all) => all.slice(exchanges));
  expect(exchange?.status, 'single sign-on fails first').toBe(412);
  return card.buttons[0]!.value;
}

/** A GET as a browser makes it: cookies kept, redirects not followed; https trusts the simulator's CA. */
function get(url: string, cookies: string[]): Promise<{ status: number; location?: string; setCookies: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const options = { headers: { cookie: cookies.join('; '), 'user-agent': 'herald-e2e' }, ...(target.protocol === 'https:' ? { ca: herald.sim.caCertificate } : {}) };
    const client = target.protocol === 'https:' ? https : http;
    const req = client.get(target, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}), setCookies: [res.headers['set-cookie'] ?? []].flat(), body }));
    });
    req.on('error', reject);
  });
}

/** Follows the sign-in link as the browser would, to the page the callback answers (`loginHint`: who signs in at Entra). */
async function browse(link: string, loginHint?: string, cookies: 'kept' | 'lost' | 'forged' = 'kept'): Promise<{ status: number; body: string }> {
  const jar: string[] = [];
  const keep = (setCookies: string[]) => jar.push(...setCookies.map((cookie) => cookie.split(';')[0]!).filter((cookie) => !cookie.endsWith('=')));
  const start = await get(link, jar);
  expect(start.status, start.body).toBe(302);
  keep(start.setCookies);
  const authorize = new URL(start.location!);
  expect(authorize.pathname).toMatch(/\/oauth2\/v2\.0\/authorize$/);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  if (loginHint) authorize.searchParams.set('login_hint', loginHint);
  const signedIn = await get(authorize.toString(), []);
  expect(signedIn.status, signedIn.body).toBe(302);
  const sent = cookies === 'kept' ? jar : cookies === 'lost' ? [] : jar.map((cookie) => cookie.replace(/\.([\w-]+)$/, '.forged'));
  return get(signedIn.location!, sent);
}

/** Follows the sign-in link as the browser would, to the page with the code. */
async function signInInBrowser(link: string): Promise<{ page: string; code: string }> {
  const callback = await browse(link);
  expect(callback.status, callback.body).toBe(200);
  const code = /id="code">(\d{6})</.exec(callback.body)?.[1];
  expect(code, callback.body).toBeDefined();
  CapturedLogs.secrets.push(code!);
  return { page: callback.body, code: code! };
}

async function verifyState(state: string, from?: { id: string; aadObjectId: string; name: string }) {
  const activity = verifyStateInvoke(herald.sim, state) as Record<string, unknown>;
  const posted = from ? { ...activity, from } : activity;
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  return request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(posted);
}

const linkOf = async (teamsUserId: string) =>
  (await database.query('select upn, display_name, method from auth.user_links where teams_user_id = $1', [teamsUserId])).rows[0] as { upn: string; display_name: string; method: string } | undefined;

describe('the OAuth fallback (sign-in button)', () => {
  it('link → Entra (PKCE, nonce) → callback → a page that hands its code to Teams → verifyState → linked', async () => {
    const { page, code } = await signInInBrowser(await signInLink());
    expect(page).toContain('notifySuccess');
    const answer = await verifyState(code);
    expect(answer.status).toBe(200);
    const session = (await (await fetch(`${herald.sim.url}/chat/api/session`)).json()) as { user: { id: string } };
    expect(await eventually(() => linkOf(session.user.id), 10_000, 'the link')).toMatchObject({ display_name: 'Megan Bowen', method: 'oauth' });
    await eventually(() => textsTo(herald.sim, herald.sim.chatConversationId).find((text) => text.startsWith("You're signed in as Megan Bowen")), 10_000, 'the signed-in message');

    const replayed = await verifyState(code);
    expect(replayed.status).toBe(404);
    expect(replayed.body.failureDetail).toMatch(/already been used/);
    await eventually(() => textsTo(herald.sim, herald.sim.chatConversationId).find((text) => text.startsWith('That code has already been used')), 10_000, 'the replay refusal in the chat');
  });

  it("refuses another user's code, and a typed code links its owner", async () => {
    const { code } = await signInInBrowser(await signInLink());
    const intruder = { id: '29:intruder', aadObjectId: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918', name: 'Intruder' };
    const stolen = await verifyState(code, intruder);
    expect(stolen.status).toBe(404);
    expect(stolen.body.failureDetail).toMatch(/not a sign-in code Herald gave you/);
    expect(await linkOf(intruder.id)).toBeUndefined();

    await say(code);
    await eventually(() => textsTo(herald.sim, herald.sim.chatConversationId).filter((text) => text.startsWith("You're signed in as Megan Bowen")).length >= 2 || undefined, 10_000, 'the typed code to sign in');
  });

  it('a sign-in link forwarded to a colleague links nobody: signed in as another account, no code is issued', async () => {
    const colleague = '0b7e2d4c-5a61-4f38-9c2e-7d1a3b5c9e01';
    herald.sim.setUser(colleague, { displayName: 'Adele Vance', userPrincipalName: 'AdeleV@contoso.example' });
    const callback = await browse(await signInLink(), 'AdeleV@contoso.example');
    expect(callback.status).toBe(403);
    expect(callback.body).toMatch(/another account than the one you use in Teams/);
    expect(callback.body).not.toMatch(/id="code"/);
  });

  it("a callback in another browser (without the sign-in's cookie), or with a forged one, signs nobody in", async () => {
    for (const cookies of ['lost', 'forged'] as const) {
      const callback = await browse(await signInLink(), undefined, cookies);
      expect(callback.status, cookies).toBe(400);
      expect(callback.body).not.toMatch(/id="code"/);
    }
  });

  it('refuses an expired code, and a sign-in link that was tampered with', async () => {
    // A replica whose codes last one second: the code it issues has expired when it is typed.
    const port = await freePort();
    const env = { ...herald.env, PORT: String(port), AUTH_PUBLIC_URL: `http://127.0.0.1:${port}`, AUTH_SIGNIN_CODE_SECONDS: '1' };
    const shortLived = await createAuthApp(parseConfig(authConfigSchema, env), createLogger({ service: 'auth-short', level: 'warn', destination: herald.logs }));
    await shortLived.listen({ port, host: '127.0.0.1' });
    try {
      const link = (await signInLink()).replace(herald.authUrl, `http://127.0.0.1:${port}`);
      const { code } = await signInInBrowser(link);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const expired = await verifyState(code);
      expect(expired.status).toBe(404);
      expect(expired.body.failureDetail).toMatch(/expired/);
    } finally {
      await shortLived.close();
    }

    const link = new URL(await signInLink());
    link.searchParams.set('state', `${link.searchParams.get('state')!.slice(0, -2)}xx`);
    const tampered = await get(link.toString(), []);
    expect(tampered.status).toBe(400);
    expect(tampered.body).toMatch(/not valid/);
  });
});
