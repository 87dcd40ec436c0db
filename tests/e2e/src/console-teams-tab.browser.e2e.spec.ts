import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, AUTHOR, AUTHOR_UPN, launchChromium, newContext, newPage, styleOf } from './console-browser.js';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * The console as a Teams tab (issue 13), in headless Chromium: teams-sim's Teams client frames
 * /console and answers Microsoft's TeamsJS; the console initialises, takes the person's locale and
 * theme from Teams' context and their single sign-on token from `authentication.getAuthToken`,
 * with no sign-in page. A person who has not consented sees the sign-in page, not an error.
 * A team adds the console as a configurable tab: Teams opens /console/configure in its dialog, whose
 * Save keeps the tab's settings the page set (teams-sim records them).
 */

let herald: Herald;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  herald = await startHerald({ env: { HERALD_AUTHORS: AUTHOR_UPN } });
  context = await newContext(browser);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await herald?.close();
});

async function openTab(options: { locale?: string; theme?: 'default' | 'dark' | 'contrast'; user?: string }): Promise<{ page: Page; tab: Frame }> {
  const page = await newPage(context);
  await page.goto(herald.sim.tabHostUrl(`${herald.gatewayUrl}/console`, { user: AUTHOR, ...options }), { waitUntil: 'load' });
  const frame = await (await page.waitForSelector('iframe')).contentFrame();
  if (!frame) throw new Error('the tab host has no frame');
  return { page, tab: frame };
}

describe('inside Teams', () => {
  it("signs in silently with the tab's SSO token, in the Teams user's language and theme", async () => {
    const { page, tab } = await openTab({ locale: 'de-DE', theme: 'dark' });
    await tab.getByTestId('signed-in-as').waitFor({ timeout: 20_000 });
    expect(await tab.getByTestId('signed-in-as').innerText()).toBe('Angemeldet als Megan Bowen');
    expect(await tab.getByTestId('nav-new').innerText()).toBe('Neue Nachricht');
    const background = await styleOf(tab.locator('.fui-FluentProvider').first(), 'backgroundColor');
    expect(background, "Teams' dark theme").not.toBe('rgb(255, 255, 255)');
    writeFileSync(`${ARTIFACTS}/console-teams-tab-dark-de.png`, await page.screenshot());
    await page.close();
  });

  it('a person who has not consented yet gets the sign-in page, not a broken console', async () => {
    herald.sim.setUser(AUTHOR, { consented: false });
    try {
      const { page, tab } = await openTab({});
      await tab.getByTestId('sign-in-page').waitFor({ timeout: 20_000 });
      expect(await tab.getByTestId('sign-in-page').innerText()).toContain('Teams could not sign you in');
      await page.close();
    } finally {
      herald.sim.setUser(AUTHOR, { consented: true });
    }
  });
});

describe('added to a team as a tab', () => {
  it("the configuration page explains the tab in the person's language, and Teams' Save adds the console (entityId herald-console, contentUrl the gateway's /console/)", async () => {
    const page = await newPage(context);
    await page.goto(herald.sim.tabHostUrl(`${herald.gatewayUrl}/console/configure`, { user: AUTHOR, locale: 'de-DE', frameContext: 'settings' }), { waitUntil: 'load' });
    const tab = await (await page.waitForSelector('iframe')).contentFrame();
    if (!tab) throw new Error('the tab host has no frame');
    await tab.locator('[data-testid="configure-page"][data-offer="ready"]').waitFor({ timeout: 20_000 });
    expect(await tab.getByRole('heading', { level: 1 }).innerText()).toBe('Herald-Nachrichten in diesem Team');
    await page.locator('#tab-host-save:not([disabled])').click();
    const [saved] = await herald.sim.waitForTabConfigs(1, 10_000);
    const consoleUrl = `${herald.gatewayUrl}/console/`;
    expect(saved).toEqual({ user: AUTHOR, config: { entityId: 'herald-console', contentUrl: consoleUrl, websiteUrl: consoleUrl, suggestedDisplayName: 'Nachrichten' } });
    await page.getByText('Saved.').waitFor();
    await page.close();
  });

  it('opened in a plain browser, the configuration page says Teams opens it, and links to the console', async () => {
    const page = await newPage(context);
    await page.goto(`${herald.gatewayUrl}/console/configure`, { waitUntil: 'load' });
    await page.getByTestId('configure-page').waitFor();
    expect(await page.getByTestId('configure-page').innerText()).toContain('This page is opened by Microsoft Teams');
    expect(await page.getByRole('link', { name: 'Open the messages console' }).getAttribute('href')).toBe('/console/');
    expect(herald.sim.tabConfigs).toHaveLength(1);
    await page.close();
  });
});
