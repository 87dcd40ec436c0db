import { writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@herald/testing';
import { ARTIFACTS, AUTHOR_UPN, launchChromium, newContext, newPage } from './console-browser.js';
import { installPersonalChat, startHerald, type Herald } from './herald-harness.js';
import { TestClock } from './test-clock.js';

/**
 * Issue 13's acceptance, as an author goes through it in headless Chromium against Herald (real
 * NATS and Postgres) and teams-sim: sign in → compose (the preview shows the card) → target a group
 * → schedule a minute ahead (the notifier's clock, moved by the test) → the counts reach Delivered
 * for every member without a reload → the CSV → export to Teams: the file consent card in her
 * chat, accepted → the file arrives at the sim's upload URL, and the console says so.
 */

const MEMBERS = 5;
const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const clock = new TestClock();
let herald: Herald;
let browser: Browser;
let page: Page;
let group: { id: string; displayName: string };

/** A moment as Berlin's wall clock shows it, for a datetime-local field (`2026-12-08T09:30`). */
function berlinLocal(at: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at).map((part) => [part.type, part.value]));
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}`;
}

type Transcript = { id: string; attachments: { contentType: string; name?: string }[] }[];

beforeAll(async () => {
  browser = await launchChromium();
  herald = await startHerald({ notifierClock: clock, graphSync: true, consoleSignIn: true, env: { HERALD_AUTHORS: AUTHOR_UPN } });
  await herald.startRouter();
  // The author (the chat page's user, Megan Bowen) has Herald in her personal chat: the export's card goes there.
  const session = (await (await fetch(`${herald.sim.url}/chat/api/session`)).json()) as { user: { id: string; aadObjectId: string } };
  await installPersonalChat(herald, herald.sim.chatConversationId, { userId: session.user.id, tenantId: herald.sim.tenantId, extra: { from: { id: session.user.id, aadObjectId: session.user.aadObjectId }, channelData: { tenant: { id: herald.sim.tenantId } } } });
  const members = herald.sim.seedDirectory({ users: MEMBERS });
  group = herald.sim.createGroup({ displayName: 'Site leads', memberIds: members.map((member) => member.id) });
  page = await newPage(await newContext(browser));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await herald?.close();
});

describe('the messages console, end to end', () => {
  it('sign in → compose with preview → a group → scheduled a minute ahead → Delivered live → CSV → export accepted → the file uploaded', async () => {
    // Signing in: the console sends the browser through the auth service and Entra, and back.
    await page.goto(`${herald.gatewayUrl}/console`);
    await page.getByTestId('signed-in-as').waitFor({ timeout: 20_000 });
    await page.getByTestId('nav-new').click();

    await page.getByTestId('compose-title').fill('Site safety week');
    await page.getByTestId('compose-body').fill('Please read the **new checklist** before Monday.');
    await page.getByTestId('compose-acknowledge').check();
    await page.getByTestId('card-preview').getByText('Site safety week').waitFor();
    expect(await page.getByTestId('card-preview').locator('strong').innerText()).toBe('new checklist');
    writeFileSync(`${ARTIFACTS}/console-flow-compose.png`, await page.screenshot({ fullPage: true }));

    await page.getByTestId('audience-group-search').fill('Site');
    await page.getByTestId('audience-group-find').click();
    await page.getByTestId('audience-group-found').filter({ hasText: group.displayName }).getByRole('button').click();
    await page.getByTestId('reach').filter({ hasText: `Reaches about ${MEMBERS} recipients.` }).waitFor({ timeout: 20_000 });

    await page.getByTestId('send-when-later').check();
    await page.getByTestId('send-at').fill(berlinLocal(new Date(Date.now() + 120_000)));
    await page.getByTestId('send-button').click();
    await page.locator('[data-testid="status-state"][data-state="scheduled"]').waitFor();
    await page.evaluate(() => ((globalThis as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));

    clock.advance(3 * 60_000);
    await page.locator(`[data-testid="count-Delivered"][data-count="${MEMBERS}"]`).waitFor({ timeout: 90_000 });
    await page.locator('[data-testid="status-state"][data-state="sent"]').waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage), 'no reload').toBe(true);
    await page.locator('[data-testid="recipient-row"][data-bucket="Delivered"]').nth(MEMBERS - 1).waitFor({ timeout: 10_000 });

    const download = page.waitForEvent('download');
    await page.getByTestId('download-csv').click();
    expect((await download).suggestedFilename()).toBe('recipients.csv');

    await page.getByTestId('export-to-teams').click();
    await page.locator('[data-testid="export-state"][data-state="offered"]').waitFor({ timeout: 20_000 });
    const card = await eventually(
      async () => ((await (await fetch(`${herald.sim.url}/chat/api/conversation`)).json()) as Transcript).findLast((message) => message.attachments.some((attachment) => attachment.contentType === FILE_CONSENT)),
      20_000,
      'the file consent card in her chat',
    );
    const fileName = card.attachments.find((attachment) => attachment.contentType === FILE_CONSENT)!.name!;
    expect((await herald.sim.answerFileConsent({ messageId: card.id, action: 'accept' })).status).toBe(200);
    const [file] = await herald.sim.waitForUploadedFiles((uploaded) => uploaded.name === fileName, 1, 20_000);
    expect(file!.content.toString('utf8').trimEnd().split('\r\n')).toHaveLength(MEMBERS + 1);
    await page.locator('[data-testid="export-state"][data-state="uploaded"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('export-state').innerText()).toBe(`${fileName} is in your OneDrive.`);
    writeFileSync(`${ARTIFACTS}/console-flow-status.png`, await page.screenshot({ fullPage: true }));
  }, 180_000);
});
