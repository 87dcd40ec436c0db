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
