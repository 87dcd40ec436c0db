import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import Fastify, { type FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, CHAT_USER, connectorToken } from '../sim-test-support.spec-helpers.js';

type Activity = Record<string, any>;
const CHROMIUM = '/usr/bin/chromium';
const MAGIC_CODE = '246810';

/** A bot with a web sign-in of its own: SSO refused (412), then the OAuth fallback through Entra in the popup. */
interface SigninBot {
  readonly server: FastifyInstance;
  readonly url: string;
  readonly verifyStates: Activity[];
  readonly signedIn: Record<string, unknown>[];
}

/** POSTs a form to the sim's https token endpoint, trusting its generated certificate. */
function postForm(url: string, form: Record<string, string>, ca: string): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(url, { method: 'POST', ca, headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(JSON.parse(body) as Record<string, string>));
    });
    request.on('error', reject);
    request.end(new URLSearchParams(form).toString());
  });
}

const oauthCard = (bot: string) => ({
  contentType: 'application/vnd.microsoft.card.oauth',
  content: {
    text: 'Sign in to the bot',
    connectionName: 'herald',
    tokenExchangeResource: { id: `exchange-${Date.now()}`, uri: `api://botid-${APP_ID}` },
    buttons: [{ type: 'signin', title: 'Sign in', value: `${bot}/auth/start` }],
  },
});

const notifyPage = (sim: TeamsSim) =>
  `<!doctype html><html><head><script src="${sim.url}/chat/vendor/teams-js.js"></script></head><body>Signed in.` +
  `<script>microsoftTeams.app.initialize().then(() => microsoftTeams.authentication.notifySuccess('${MAGIC_CODE}'));</script></body></html>`;

async function answerActivity(sim: TeamsSim, bot: SigninBot, activity: Activity): Promise<number> {
  if (activity['name'] === 'signin/tokenExchange') return 412;
  if (activity['name'] === 'signin/verifyState') {
    bot.verifyStates.push(activity);
    return activity['value'].state === MAGIC_CODE ? 200 : 412;
  }
  const path = `v3/conversations/${encodeURIComponent(activity['conversation'].id)}/activities`;
  await fetch(new URL(path, activity['serviceUrl']), {
    method: 'POST',
    headers: { authorization: `Bearer ${await connectorToken(sim)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', attachments: [oauthCard(bot.url)] }),
  });
  return 200;
}

function addWebSignin(server: FastifyInstance, getSim: () => TeamsSim, bot: () => SigninBot): void {
  const pending = new Map<string, { verifier: string; nonce: string }>();
  server.get('/auth/start', async (_request, reply) => {
    const sim = getSim();
    const state = randomBytes(8).toString('hex');
    const flow = { verifier: randomBytes(32).toString('base64url'), nonce: randomBytes(8).toString('hex') };
    pending.set(state, flow);
    const query = new URLSearchParams({
      client_id: APP_ID,
      response_type: 'code',
      response_mode: 'form_post',
      redirect_uri: `${bot().url}/auth/callback`,
      scope: 'openid profile email',
      state,
      nonce: flow.nonce,
      code_challenge: createHash('sha256').update(flow.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    return reply.redirect(`${sim.entraHttpsUrl}/${sim.tenantId}/oauth2/v2.0/authorize?${query.toString()}`, 302);
  });
  server.post<{ Body: Record<string, string> }>('/auth/callback', async (request, reply) => {
    const sim = getSim();
    const flow = pending.get(request.body['state'] ?? '');
    if (!flow) return reply.code(400).send('unknown state');
    const tokens = await postForm(`${sim.entraHttpsUrl}/${sim.tenantId}/oauth2/v2.0/token`, {
      grant_type: 'authorization_code',
      client_id: APP_ID,
      client_secret: APP_PASSWORD,
      code: request.body['code'] ?? '',
      redirect_uri: `${bot().url}/auth/callback`,
      code_verifier: flow.verifier,
    }, sim.caCertificate!);
    const idToken = decodeJwt(tokens['id_token'] ?? '');
    if (idToken['nonce'] !== flow.nonce) return reply.code(400).send('nonce mismatch');
    bot().signedIn.push(idToken);
    return reply.type('text/html; charset=utf-8').send(notifyPage(sim));
  });
}

async function startSigninBot(getSim: () => TeamsSim): Promise<SigninBot> {
  const server = Fastify();
  const bot: { current?: SigninBot } = {};
  server.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  server.post('/api/messages', async (request, reply) => reply.code(await answerActivity(getSim(), bot.current!, request.body as Activity)).send({}));
  addWebSignin(server, getSim, () => bot.current!);
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  bot.current = { server, url: address, verifyStates: [], signedIn: [] };
  return bot.current;
}

describe('the chat page: OAuth fallback in a sign-in popup', () => {
  let sim: TeamsSim;
  let bot: SigninBot;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`This test drives Debian's Chromium at ${CHROMIUM}; install it with: apt-get install -y chromium`);
    bot = await startSigninBot(() => sim);
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, botEndpoint: `${bot.url}/api/messages`, entraHttps: {} });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    // The sim's https certificate is made at start; the browser is told to accept it, as a developer's would be.
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(sim.url);
    await page.locator('#compose').waitFor({ state: 'visible' });
  });
  afterAll(async () => {
    await browser?.close();
    await sim?.close();
    await bot?.server.close();
  });

  it('shows the sign-in button after a refused token exchange; the popup signs in and the bot verifies the state', async () => {
    await page.locator('#compose').fill('signin');
    await page.locator('#send').click();
    const button = page.getByTestId('signin-button');
    await button.waitFor({ state: 'visible' });
    expect(sim.tokenExchanges.at(-1)).toMatchObject({ status: 412 });

    const popupOpened = page.waitForEvent('popup');
    await button.click();
    const popup = await popupOpened;
    await popup.waitForEvent('close');

    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('Signed in: the bot verified the sign-in.');
    expect(bot.signedIn).toEqual([expect.objectContaining({ oid: CHAT_USER, name: 'Megan Bowen' })]);
    const cardId = await page.locator('[data-testid="message-bot"]').last().getAttribute('data-message-id');
    expect(bot.verifyStates).toEqual([
      expect.objectContaining({ name: 'signin/verifyState', replyToId: cardId, value: { state: MAGIC_CODE }, from: expect.objectContaining({ aadObjectId: CHAT_USER }) }),
    ]);
    await expect.poll(() => page.getByTestId('oauth-card').last().textContent()).toBe('Signed in.');
  });
});
