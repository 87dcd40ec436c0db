import { readFileSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, AUTHOR_UPN, launchChromium, newContext, openSignedIn, seriousViolations } from './console-browser.js';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * Following a message in the console (issue 13), in headless Chromium against Herald and
 * teams-sim: a group found by name, its reach shown, sent now; the counts climb to Delivered for
 * every member without a reload (server-sent events read with fetch); the recipients paged and
 * filtered; the CSV downloaded; the export to Teams asked for; the list with its counts, a
 * duplicate and its deletion.
 */

const MEMBERS = 6;
let herald: Herald;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let group: { id: string; displayName: string };

beforeAll(async () => {
  browser = await launchChromium();
  herald = await startHerald({ graphSync: true, env: { HERALD_AUTHORS: AUTHOR_UPN } });
  await herald.startRouter();
  const members = herald.sim.seedDirectory({ users: MEMBERS });
  group = herald.sim.createGroup({ displayName: 'Comms readers', memberIds: members.map((member) => member.id) });
  context = await newContext(browser);
  page = await openSignedIn(context, herald, '/console/new');
  await page.getByTestId('compose-title').waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await herald?.close();
});

describe('sending to a group and following it live', () => {
  it('finds the group, shows its reach, sends, and the counts reach Delivered for every member without a reload', async () => {
    await page.getByTestId('compose-title').fill('Town hall, Friday');
    await page.getByTestId('compose-acknowledge').check();
    await page.getByTestId('audience-group-search').fill('Comms');
    await page.getByTestId('audience-group-find').click();
    await page.getByTestId('audience-group-found').filter({ hasText: group.displayName }).getByRole('button').click();
    await page.getByTestId('audience-group-chosen').filter({ hasText: group.displayName }).waitFor();
    await page.getByTestId('reach').filter({ hasText: `Reaches about ${MEMBERS} recipients.` }).waitFor({ timeout: 20_000 });

    await page.getByTestId('send-button').click();
    await page.waitForURL(/\/console\/messages\/[^/]+$/);
    await page.evaluate(() => ((globalThis as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
    await page.locator(`[data-testid="count-Delivered"][data-count="${MEMBERS}"]`).waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="status-state"][data-state="sent"]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage), 'no reload').toBe(true);
    expect(await page.getByTestId('count-Failed').getAttribute('data-count')).toBe('0');
    expect(await page.getByTestId('stream-state').innerText()).toBe('Live');
  }, 120_000);

  it('keeps a screenshot of the status page as a test artefact', async () => {
    await page.locator('[data-testid="recipient-row"]').nth(MEMBERS - 1).waitFor({ timeout: 15_000 });
    writeFileSync(`${ARTIFACTS}/console-status.png`, await page.screenshot({ fullPage: true }));
  });

  it('lists the recipients with their outcome, filtered by bucket', async () => {
    await page.locator('[data-testid="recipient-row"][data-bucket="Delivered"]').nth(MEMBERS - 1).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('recipient-row').count()).toBe(MEMBERS);
    await page.getByTestId('recipients-bucket').selectOption('Failed');
    await page.getByText('No recipients here.').waitFor();
    expect(await page.getByTestId('recipients-next').isDisabled()).toBe(true);
    await page.getByTestId('recipients-bucket').selectOption('');
    await page.getByTestId('recipient-row').nth(MEMBERS - 1).waitFor();
  });

  it('downloads the recipients as recipients.csv, fetched with the token', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('download-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('recipients.csv');
    const lines = readFileSync(await file.path(), 'utf8').trim().split(/\r?\n/);
    expect(lines).toHaveLength(MEMBERS + 1);
    expect(lines.slice(1).every((line) => line.includes('Delivered'))).toBe(true);
  });

  it('asks for the export to Teams and shows where it stands', async () => {
    await page.getByTestId('export-to-teams').click();
    await page.getByTestId('export-state').waitFor();
    expect(['requested', 'offered', 'failed']).toContain(await page.getByTestId('export-state').getAttribute('data-state'));
  });

  it('the status page passes an axe-core scan', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('the list of messages', () => {
  it('shows the sent message with its counts, duplicates it as a draft, and deletes that draft', async () => {
    await page.getByTestId('nav-messages').click();
    const row = page.getByTestId('message-row').filter({ hasText: 'Town hall, Friday' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain(`${MEMBERS} of ${MEMBERS}`);
    expect(await page.getByTestId('state-tab-sent').innerText()).toBe('Sent (1)');
    expect(await seriousViolations(page), 'axe on the list').toEqual([]);

    await row.first().getByRole('button', { name: 'Duplicate “Town hall, Friday”' }).click();
    await page.waitForURL(/\/console\/messages\/[^/]+\/edit$/);
    await page.getByTestId('compose-title').and(page.locator('[value="Town hall, Friday"]')).waitFor();
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('state-tab-draft').filter({ hasText: 'Draft (1)' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('state-tab-draft').click();
    await page.getByRole('button', { name: 'Delete “Town hall, Friday”' }).click();
    await page.getByTestId('state-tab-draft').filter({ hasText: 'Draft (0)' }).waitFor();
  });
});
