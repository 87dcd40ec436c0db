import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, callConnector, connectorToken } from '../sim-test-support.spec-helpers.js';
import { startRecordingBot, type Activity } from './recording-bot.spec-helpers.js';

const CHROMIUM = '/usr/bin/chromium';

let sim: TeamsSim;
let bot: FastifyInstance;
let browser: Browser;
const invokes: Activity[] = [];

/** Posts a bot message with `attachment` into the chat page's conversation. */
async function post(attachment: Record<string, unknown>): Promise<void> {
  const token = await connectorToken(sim);
  const response = await callConnector(sim, 'POST', `v3/conversations/${encodeURIComponent(sim.chatConversationId)}/activities`, { token, body: { type: 'message', attachments: [attachment] } });
  expect(response.status).toBe(201);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`This test drives Debian's Chromium at ${CHROMIUM}; install it with: apt-get install -y chromium`);
  const recording = await startRecordingBot(invokes);
  bot = recording.bot;
  sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, botEndpoint: recording.endpoint });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await sim?.close();
  await bot?.close();
});

describe('the chat page shows file cards as Teams does', () => {
  it('a consent card names the file and its size; Allow sends fileConsent/invoke; a file info card links the file', async () => {
    await post({ contentType: 'application/vnd.microsoft.teams.card.file.consent', name: 'recipients.csv', content: { description: 'Who got your message', sizeInBytes: 2048, acceptContext: { exportId: 'e1' }, declineContext: { exportId: 'e1' } } });
    const page = await browser.newPage();
    await page.goto(sim.url);
    const card = page.getByTestId('file-consent-card');
    await card.waitFor({ state: 'visible' });
    expect(await card.textContent()).toContain('recipients.csv 2.0 KB');
    expect(await card.textContent()).toContain('Who got your message');
    await page.getByTestId('file-consent-accept').click();
    await expect.poll(() => invokes.length).toBe(1);
    expect(invokes[0]).toMatchObject({ name: 'fileConsent/invoke', value: { action: 'accept', context: { exportId: 'e1' }, uploadInfo: { name: 'recipients.csv' } } });

    await post({ contentType: 'application/vnd.microsoft.teams.card.file.info', name: 'recipients.csv', contentUrl: 'https://contoso-my.sharepoint.com/recipients.csv', content: { uniqueId: 'ABC', fileType: 'csv' } });
    const info = page.getByTestId('file-info-card');
    await info.waitFor({ state: 'visible' });
    expect(await info.locator('a').getAttribute('href')).toBe('https://contoso-my.sharepoint.com/recipients.csv');
    await page.close();
  }, 30_000);
});
