import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, AUTHOR_UPN, cspViolations, launchChromium, newContext, openSignedIn, seriousViolations, styleOf } from './console-browser.js';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * Composing in the messages console (issue 13), in headless Chromium: the live preview is the
 * official Adaptive Cards renderer's, in Teams' light, dark and high-contrast looks (screenshots
 * kept in tests/e2e/artifacts/), advanced JSON is checked field by field before sending, the
 * page passes an axe-core scan, and it works by keyboard alone.
 */

let herald: Herald;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const SECOND_AUTHOR = '7c1e9a44-2b3d-4e5f-8a6b-9c0d1e2f3a4b';
const SECOND_AUTHOR_UPN = 'AdeleV@contoso.example';

beforeAll(async () => {
  browser = await launchChromium();
  herald = await startHerald({ env: { HERALD_AUTHORS: `${AUTHOR_UPN},${SECOND_AUTHOR_UPN}` } });
  herald.sim.setUser(SECOND_AUTHOR, { displayName: 'Adele Vance', userPrincipalName: SECOND_AUTHOR_UPN });
  context = await newContext(browser);
  page = await openSignedIn(context, herald, '/console/new');
  await page.getByTestId('compose-title').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await herald?.close();
});

/** Berlin's UTC offset on that day (`+01:00` in winter, `+02:00` in summer). */
const berlinOffset = (at: string) => new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).formatToParts(new Date(at)).find((part) => part.type === 'timeZoneName')!.value.replace('GMT', '');

const preview = () => page.getByTestId('card-preview');
const problems = () => page.getByTestId('problem');

describe('the live preview', () => {
  it('shows the card as the author types: title, summary, Markdown body, link button, Acknowledge', async () => {
    await page.getByTestId('compose-title').fill('Town hall');
    await page.getByTestId('compose-summary').fill('Friday 10:00 in the atrium');
    await page.getByTestId('compose-body').fill('**Agenda** inside:\n\n- results\n- questions');
    await preview().getByText('Town hall').waitFor();
    expect(await preview().locator('.ac-adaptiveCard').count()).toBe(1);
    expect(await preview().locator('strong').first().innerText()).toBe('Agenda');
    expect(await preview().locator('li').count()).toBe(2);

    await page.getByTestId('compose-add-button').click();
    await page.getByTestId('compose-button-title-0').fill('Join');
    await page.getByTestId('compose-button-url-0').fill('https://contoso.example/join');
    await page.getByTestId('compose-acknowledge').check();
    await preview().locator('button', { hasText: 'Join' }).waitFor();
    await preview().locator('button', { hasText: 'Acknowledge' }).waitFor();
    writeFileSync(`${ARTIFACTS}/console-compose.png`, await page.screenshot({ fullPage: true }));
  });

  it('in Teams light, dark and high contrast (screenshots kept as test artefacts)', async () => {
    const backgrounds: Record<string, string> = {};
    for (const theme of ['light', 'dark', 'contrast']) {
      await page.getByTestId(`preview-theme-${theme}`).check();
      await page.locator(`[data-testid="preview-frame"][data-theme="${theme}"]`).waitFor();
      await preview().getByText('Town hall').waitFor();
      backgrounds[theme] = await styleOf(page.getByTestId('preview-frame'), 'backgroundColor');
      writeFileSync(`${ARTIFACTS}/console-preview-${theme}.png`, await page.getByTestId('preview-section').screenshot());
    }
    expect(backgrounds).toEqual({ light: 'rgb(255, 255, 255)', dark: 'rgb(41, 41, 41)', contrast: 'rgb(0, 0, 0)' });
    const titleColour = await styleOf(preview().getByText('Town hall'), 'color');
    expect(titleColour, 'high contrast: white text on black').toBe('rgb(255, 255, 255)');
    await page.getByTestId('preview-theme-light').check();
  });

  it('names an http link field by field before sending', async () => {
    await page.getByTestId('compose-button-url-0').fill('http://contoso.example/join');
    await page.locator('[data-testid="problem"][data-field="buttons[0].url"]').waitFor();
    expect(await page.locator('[data-testid="problem"][data-field="buttons[0].url"]').innerText()).toBe('Button 1 link: must be an https link');
    await page.getByTestId('compose-button-url-0').fill('https://contoso.example/join');
    await page.locator('[data-testid="problem"][data-field="buttons[0].url"]').waitFor({ state: 'detached' });
  });
});

describe('advanced mode', () => {
  const cardJson = () => page.getByTestId('compose-card-json');
  const dataJson = () => page.getByTestId('compose-data-json');

  it('binds the templating data into the card', async () => {
    await page.getByTestId('compose-advanced').check();
    await cardJson().fill(JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hello ${name}', wrap: true }] }, null, 2));
    await dataJson().fill('{ "name": "Contoso" }');
    await preview().getByText('Hello Contoso').waitFor();
  });

  it('a JSON syntax error is named with its field, line and column', async () => {
    await cardJson().fill('{\n  "type": "AdaptiveCard",\n  "body": [ { "type": "TextBlock" "text": "x" } ]\n}');
    const problem = page.locator('[data-testid="problem"][data-field="advanced.card"]');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/^Card JSON: line 3, column \d+: /);
    expect(await preview().locator('.ac-adaptiveCard').count(), 'no preview of a card that does not parse').toBe(0);
    await dataJson().fill('{ "name": ');
    await page.locator('[data-testid="problem"][data-field="advanced.data"]').waitFor();
    expect(await page.getByTestId('send-button').isDisabled()).toBe(true);
  });

  it("the renderer's findings are named by the element's path in the card", async () => {
    await dataJson().fill('{ "name": "Contoso" }');
    await cardJson().fill(JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hi' }, { type: 'Imagee', url: 'https://contoso.example/a.png' }, { type: 'Container', items: [{ type: 'TextBlock', text: 'in', id: 'same' }, { type: 'TextBlock', text: 'twice', id: 'same' }] }] }));
    await page.locator('[data-testid="problem"][data-field="advanced.card.body[1]"]').waitFor();
    const found = await problems().evaluateAll((items) => items.map((item) => `${item.getAttribute('data-field')} ${item.textContent}`));
    expect(found.find((line) => line.startsWith('advanced.card.body[1]'))).toMatch(/Imagee/);
    expect(found.some((line) => line.startsWith('advanced.card.body[2].items[1]') && /same/.test(line)), found.join('\n')).toBe(true);
  });
});

describe('drafts, sending and scheduling', () => {
  let messageId: string;

  it('a new draft is saved (created), then saved again by itself as the author types (with its version)', async () => {
    await page.goto(`${herald.gatewayUrl}/console/new`);
    await page.getByTestId('compose-title').fill('Quarterly results');
    await page.getByTestId('compose-body').fill('Numbers are **up**.');
    await page.getByTestId('save-draft').click();
    await page.waitForURL(/\/console\/messages\/[^/]+\/edit$/);
    messageId = decodeURIComponent(new URL(page.url()).pathname.split('/')[3]!);
    await page.getByTestId('save-state').filter({ hasText: /^Saved$/ }).waitFor();
    expect(await page.getByTestId('compose-title').inputValue(), 'the draft is read back').toBe('Quarterly results');

    await page.getByTestId('compose-title').fill('Quarterly results, Q3');
    await page.getByTestId('save-state').filter({ hasText: /^Unsaved changes$/ }).waitFor();
    await page.getByTestId('save-state').filter({ hasText: /^Saved$/ }).waitFor({ timeout: 10_000 });
    const saved = await request(herald.gatewayUrl).get(`/api/v1/console/messages/${encodeURIComponent(messageId)}`).set('Authorization', `Bearer ${await herald.sim.mintUserSsoToken()}`).expect(200);
    expect(saved.body).toMatchObject({ state: 'draft', version: 2, draft: { title: 'Quarterly results, Q3', body: 'Numbers are **up**.' } });
  });

  it("scheduled in the author's time zone (shown), then cancelled", async () => {
    await page.getByTestId('audience-everyone').check();
    await page.getByTestId('send-when-later').check();
    expect(await page.getByTestId('send-time-zone').innerText()).toBe('Time zone: Europe/Berlin');
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('send-at').fill(`${day}T09:30`);
    expect(await page.getByTestId('send-button').innerText()).toBe('Schedule');
    await page.getByTestId('send-button').click();
    await page.waitForURL(new RegExp(`/console/messages/${messageId}$`));
    await page.locator('[data-testid="status-state"][data-state="scheduled"]').waitFor();
    expect(await page.getByTestId('status-send-at').innerText()).toContain('(Europe/Berlin)');
    const sent = await request(herald.gatewayUrl).get(`/api/v1/console/messages/${encodeURIComponent(messageId)}`).set('Authorization', `Bearer ${await herald.sim.mintUserSsoToken()}`).expect(200);
    expect(sent.body.send).toEqual({ sendAt: `${day}T09:30:00${berlinOffset(`${day}T09:30:00Z`)}`, timeZone: 'Europe/Berlin' });
    expect(await seriousViolations(page), 'axe on the status page').toEqual([]);

    await page.getByTestId('cancel').click();
    await page.locator('[data-testid="status-state"][data-state="cancelled"]').waitFor();
    expect(await page.getByTestId('cancel').count()).toBe(0);
  });
});

describe('second-author approval', () => {
  it('a message that needs approval waits for another author, who approves it', async () => {
    await page.goto(`${herald.gatewayUrl}/console/new`);
    await page.getByTestId('compose-title').fill('Needs a second pair of eyes');
    await page.getByTestId('audience-everyone').check();
    await page.getByTestId('send-needs-approval').check();
    expect(await page.getByTestId('send-button').innerText()).toBe('Submit for approval');
    await page.getByTestId('send-button').click();
    await page.locator('[data-testid="status-state"][data-state="awaitingApproval"]').waitFor();
    await page.getByText('Waiting for another author to approve it.').waitFor();
    expect(await page.getByTestId('approve').count(), 'no approving one\'s own message').toBe(0);

    const adele = await newContext(browser);
    const approver = await openSignedIn(adele, herald, new URL(page.url()).pathname, SECOND_AUTHOR);
    await approver.getByTestId('approve').click();
    await approver.getByText('Approved by Adele Vance').waitFor();
    await approver.locator('[data-testid="status-state"]:not([data-state="awaitingApproval"])').waitFor();
    await adele.close();
  });
});

describe('accessibility', () => {
  it('axe-core finds no serious or critical violation on the compose page', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("nothing the console did was refused by its own Content-Security-Policy", () => {
    expect(cspViolations.get(page)).toEqual([]);
  });
});
