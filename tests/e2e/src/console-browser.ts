import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Herald } from './herald-harness.js';

/** Shared by the console's browser specs (console-*.browser.e2e.spec.ts): Chromium, signing in, axe-core. */

const CHROMIUM = '/usr/bin/chromium';
const CONSOLE_INDEX = fileURLToPath(new URL('../../../services/gateway/dist/console-web/index.html', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
/** Megan Bowen, teams-sim's chat user: the author of these specs (HERALD_AUTHORS). */
export const AUTHOR = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';
export const AUTHOR_UPN = 'meganb@contoso.example';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`This test drives Debian's Chromium at ${CHROMIUM}, which is not installed. Install it with: apt-get install -y chromium`);
  if (!existsSync(CONSOLE_INDEX)) throw new Error(`The console is not built (${CONSOLE_INDEX} is missing). Build it with: npm run build`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newContext(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  // The simulator's Entra serves https with a certificate of its own making.
  return browser.newContext({ locale, timezoneId: 'Europe/Berlin', viewport: { width: 1280, height: 900 }, ignoreHTTPSErrors: true });
}

/** Opens the console as the auth service's sign-in hands it over: with the person's token in the URL fragment. */
export async function openSignedIn(context: BrowserContext, herald: Herald, path = '/console', aadObjectId = AUTHOR): Promise<Page> {
  const token = await herald.sim.mintUserSsoToken({ aadObjectId });
  const page = await newPage(context);
  await page.goto(`${herald.gatewayUrl}${path}#access_token=${token}&expires_in=3600`, { waitUntil: 'load' });
  return page;
}

/** A page that records what the browser refused under the console's Content-Security-Policy (`cspViolations`). */
export async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const refused: string[] = [];
  cspViolations.set(page, refused);
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) refused.push(message.text());
  });
  return page;
}

export const cspViolations = new WeakMap<Page, string[]>();

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it stands (WCAG 2.1 A/AA and best practices). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated over the DevTools protocol: the console's CSP allows no inline script, rightly.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> }; document: unknown };
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((node) => ({ target: node.target })) }));
}

/** The computed CSS property of an element (run in the page; these specs compile without the DOM's types). */
export function styleOf(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((element, name) => (globalThis as unknown as { getComputedStyle(target: unknown): Record<string, string> }).getComputedStyle(element)[name] ?? '', property);
}

/** The page's `<html lang>`. */
export function languageOf(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang);
}

/** Presses Tab until the element with `testId` has the focus (at most `presses` times); false if it never does. */
export async function tabTo(page: Page, testId: string, presses = 80): Promise<boolean> {
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute('data-testid') ?? null);
    if (focused === testId) return true;
  }
  return false;
}
