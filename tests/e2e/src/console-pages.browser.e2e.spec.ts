import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, AUTHOR_UPN, cspViolations, languageOf, launchChromium, newContext, newPage, openSignedIn, seriousViolations, tabTo } from './console-browser.js';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * The messages console (issue 13) as a person meets it, in headless Chromium: served by the
 * gateway at /console (deep links too, hashed assets cached, framed only by Teams), signing in
 * with the token the auth service hands over, the not-an-author page, German texts, and an
 * axe-core scan that finds nothing serious.
 */

let herald: Herald;
let browser: Browser;
let context: BrowserContext;
const OUTSIDER = '9b8c7d6e-5f4a-4b3c-8d2e-1f0a9b8c7d6e';

beforeAll(async () => {
  browser = await launchChromium();
  herald = await startHerald({ env: { HERALD_AUTHORS: AUTHOR_UPN }, consoleSignIn: true });
  context = await newContext(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await herald?.close();
});

describe('the gateway serves the console', () => {
  it('at /console, /console/ and any deep link: the index, never cached, with a CSP that lets only Teams (and the dev sim) frame it', async () => {
    for (const path of ['/console', '/console/', '/console/messages/m-1', '/console/new']) {
      const response = await request(herald.gatewayUrl).get(path).expect(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('<div id="root">');
    }
    const csp = (await request(herald.gatewayUrl).get('/console')).headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.office.com https://*.cloud.microsoft ${new URL(herald.sim.url).origin}`);
  });

  it('hashed assets for a year, unknown ones 404, and config.json names the auth service sign-in page', async () => {
    const index = (await request(herald.gatewayUrl).get('/console')).text;
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script, 'the index loads a hashed script').toBeDefined();
    const asset = await request(herald.gatewayUrl).get(script!).expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toContain('text/javascript');
    await request(herald.gatewayUrl).get('/console/assets/missing-0000.js').expect(404);
    await request(herald.gatewayUrl).get('/console/assets/..%2Findex.html').expect(404);
    const config = await request(herald.gatewayUrl).get('/console/config.json').expect(200);
    expect(config.body).toEqual({ authSignInUrl: `${herald.authUrl}/auth/console/signin`, teamsHostOrigins: [new URL(herald.sim.url).origin] });
  });
});

describe('signing in', () => {
  it('a browser without a token signs in through the auth service and Entra, and comes back to the page it asked for', async () => {
    const page = await newPage(context);
    const signIn = page.waitForRequest((candidate) => candidate.url().startsWith(`${herald.authUrl}/auth/console/signin`));
    await page.goto(`${herald.gatewayUrl}/console/new`);
    expect(new URL((await signIn).url()).searchParams.get('returnTo')).toBe(`${herald.gatewayUrl}/console/new`);
    await page.getByTestId('signed-in-as').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('signed-in-as').innerText()).toBe('Signed in as Megan Bowen');
    expect(page.url(), 'back where it started, the token gone from the address bar').toBe(`${herald.gatewayUrl}/console/new`);
    await page.getByTestId('compose-title').waitFor();
    await page.close();
  });

  it('an author: the token leaves the address bar at once, and the console greets them', async () => {
    const page = await openSignedIn(context, herald);
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').innerText()).toContain('Megan Bowen');
    expect(page.url()).toBe(`${herald.gatewayUrl}/console`);
    expect(await page.getByRole('heading', { level: 1 }).first().innerText()).toBe('Messages');
    expect(cspViolations.get(page)).toEqual([]);
    await page.close();
  });

  it('someone who is not an author sees the page saying how to become one', async () => {
    const page = await openSignedIn(context, herald, '/console', OUTSIDER);
    await page.getByTestId('not-an-author').waitFor();
    const text = await page.getByTestId('not-an-author').innerText();
    expect(text).toContain('You are not an author');
    expect(text).toContain('HERALD_AUTHORS');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('a tampered token is refused (401): the console asks to sign in again (no redirect loop), and signing in works', async () => {
    const token = await herald.sim.mintUserSsoToken();
    const page = await newPage(context);
    await page.goto(`${herald.gatewayUrl}/console#access_token=${token.slice(0, -4)}AAAA&expires_in=3600`);
    await page.getByTestId('sign-in-page').waitFor();
    expect(await page.getByTestId('sign-in-page').innerText()).toContain('Your sign-in has ended or was not accepted.');
    const signIn = page.waitForRequest((candidate) => candidate.url().startsWith(`${herald.authUrl}/auth/console/signin`));
    await page.getByTestId('sign-in').click();
    expect(new URL((await signIn).url()).searchParams.get('returnTo')).toBe(`${herald.gatewayUrl}/console`);
    await page.getByTestId('signed-in-as').waitFor({ timeout: 20_000 });
    await page.close();
  });
});

describe('in German', () => {
  it('a German browser gets the console in German', async () => {
    const german = await newContext(browser, 'de-DE');
    const page = await openSignedIn(german, herald, '/console/new');
    await page.getByTestId('compose-title').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).first().innerText()).toBe('Neue Nachricht');
    expect(await page.getByTestId('nav-messages').innerText()).toBe('Nachrichten');
    expect(await page.getByText('Titel', { exact: true }).count()).toBeGreaterThan(0);
    expect(await languageOf(page)).toBe('de-DE');
    writeFileSync(`${ARTIFACTS}/console-compose-de.png`, await page.screenshot({ fullPage: true }));
    await german.close();
  });
});

describe('by keyboard alone', () => {
  it('from the list to a new message, its title, the audience and Send, with the focus visible', async () => {
    const page = await openSignedIn(context, herald, '/console');
    await page.getByTestId('signed-in-as').waitFor();
    expect(await tabTo(page, 'nav-new'), 'Tab reaches "New message"').toBe(true);
    await page.keyboard.press('Enter');
    await page.getByTestId('compose-title').waitFor();
    expect(await tabTo(page, 'compose-title')).toBe(true);
    await page.keyboard.type('Keyboard news');
    await preview(page).getByText('Keyboard news').waitFor();
    expect(await tabTo(page, 'audience-everyone')).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.getByTestId('audience-everyone').isChecked()).toBe(true);
    expect(await tabTo(page, 'send-button'), 'Tab reaches the send button').toBe(true);
    expect(await page.getByTestId('send-button').isEnabled()).toBe(true);
    expect(await page.getByTestId('send-button').getAttribute('data-fui-focus-visible'), 'the focus is shown').not.toBeNull();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/messages\/[^/]+$/);
    expect(await page.getByTestId('status-title').innerText()).toBe('Keyboard news');
    await page.close();
  });
});

const preview = (page: Page) => page.getByTestId('card-preview');
