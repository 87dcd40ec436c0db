import { existsSync } from 'node:fs';
import pg from 'pg';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapturedLogs, eventually } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * The OAuth fallback as a person goes through it, in headless Chromium on teams-sim's chat page:
 * single sign-on fails (Megan has not consented yet), the OAuth card's button opens the sign-in
 * popup, Entra (the simulator, https) signs her in, Herald's callback page hands its code to
 * Teams, which sends `signin/verifyState`; Herald links her and says so in the chat.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHAT_USER = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';
let herald: Herald;
let database: pg.Client;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`This test drives Debian's Chromium at ${CHROMIUM}, which is not installed. Install it with: apt-get install -y chromium`);
  herald = await startHerald();
  await herald.startRouter();
  database = new pg.Client({ connectionString: herald.databaseUrl });
  await database.connect();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // The simulator's Entra serves https with a certificate of its own making.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1100, height: 800 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${herald.sim.url}/chat`, { waitUntil: 'load' });
  await page.locator('#compose').waitFor({ state: 'visible' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await database?.end();
  await herald?.close();
});

describe('signing in with the button, when single sign-on fails', () => {
  it('button → popup → Entra → callback → code to Teams → verifyState → linked, and the chat says so', async () => {
    herald.sim.setUser(CHAT_USER, { consented: false });
    await page.locator('#compose').fill('signin');
    await page.locator('#send').click();

    const button = page.getByTestId('signin-button').last();
    await button.waitFor({ state: 'visible' });
    expect(herald.sim.tokenExchanges.at(-1)?.status, 'single sign-on was tried first and refused').toBe(412);

    const popupOpened = page.waitForEvent('popup');
    await button.click();
    const popup = await popupOpened;
    // The popup lands on Herald's code page, which hands the code to Teams and closes.
    await popup.waitForEvent('close', { timeout: 20_000 });

    await page.locator('.message.bot').filter({ hasText: /You're signed in as Megan Bowen/ }).last().waitFor({ state: 'visible', timeout: 15_000 });
    const session = (await (await fetch(`${herald.sim.url}/chat/api/session`)).json()) as { user: { id: string } };
    const link = await eventually(async () => (await database.query('select upn, method from auth.user_links where teams_user_id = $1', [session.user.id])).rows[0] as { upn: string; method: string } | undefined, 10_000, 'the link');
    expect(link).toEqual({ upn: 'MeganB@contoso.example', method: 'oauth' });
    expect(await page.locator('#error').isHidden()).toBe(true);
  }, 60_000);

  it('the code page shows the code for typing when TeamsJS cannot hand it over', async () => {
    // A page opened outside Teams (no opener): the code stays on screen.
    const exchanges = herald.sim.tokenExchanges.length;
    await page.locator('#compose').fill('signout');
    await page.locator('#send').click();
    await page.locator('.message.bot').filter({ hasText: /signed out/ }).last().waitFor({ state: 'visible' });
    herald.sim.setUser(CHAT_USER, { consented: false });
    await page.locator('#compose').fill('signin');
    await page.locator('#send').click();
    await herald.sim.waitForTokenExchanges(exchanges + 1, 10_000);
    await page.getByTestId('signin-button').last().waitFor({ state: 'visible' });
    const cards = herald.sim.connectorCalls
      .flatMap((call) => ((call.body as { attachments?: { contentType: string; content: { buttons?: { value: string }[] } }[] } | null)?.attachments ?? []))
      .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.oauth');
    const link = cards.at(-1)?.content.buttons?.[0]?.value ?? '';
    expect(link).toContain('/auth/start?state=');
    const standalone = await page.context().newPage();
    await standalone.goto(link);
    const code = (await standalone.locator('#code').innerText()).trim();
    expect(code).toMatch(/^\d{6}$/);
    CapturedLogs.secrets.push(code);
    expect(await standalone.locator('#hint').isVisible()).toBe(true);
    await standalone.close();

    await page.locator('#compose').fill(code);
    await page.locator('#send').click();
    await page.locator('.message.bot').filter({ hasText: /You're signed in as Megan Bowen/ }).nth(1).waitFor({ state: 'visible', timeout: 15_000 });
  }, 60_000);
});
