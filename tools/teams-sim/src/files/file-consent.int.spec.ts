import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../teams-sim.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, callConnector, connectorToken } from '../sim-test-support.spec-helpers.js';
import { startRecordingBot, type Activity } from './recording-bot.spec-helpers.js';
import { FRAGMENT_UNIT } from './upload-sessions.js';

let sim: TeamsSim;
let bot: FastifyInstance;
const invokes: Activity[] = [];

/** A bot's file consent card for `name` in the chat page's conversation; resolves with its message id. */
async function offer(name: string, sizeInBytes: number): Promise<string> {
  const token = await connectorToken(sim);
  const attachment = { contentType: 'application/vnd.microsoft.teams.card.file.consent', name, content: { description: 'Recipients', sizeInBytes, acceptContext: { exportId: name }, declineContext: { exportId: name } } };
  const response = await callConnector(sim, 'POST', `v3/conversations/${encodeURIComponent(sim.chatConversationId)}/activities`, { token, body: { type: 'message', attachments: [attachment] } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const put = (url: string, range: string, body: Buffer, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'PUT', headers: { 'content-range': range, 'content-type': 'application/octet-stream', ...headers }, body });

async function accepted(name: string, size: number) {
  const messageId = await offer(name, size);
  const answer = await sim.answerFileConsent({ messageId, action: 'accept' });
  expect(answer.status).toBe(200);
  return invokes.at(-1)!;
}

beforeAll(async () => {
  const recording = await startRecordingBot(invokes);
  bot = recording.bot;
  sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, botEndpoint: recording.endpoint });
});

afterAll(async () => {
  await sim?.close();
  await bot?.close();
});

describe('file consent cards (Teams "Send and receive files using bot")', () => {
  it('Allow sends fileConsent/invoke with the accept context and an upload session of the OneDrive', async () => {
    const invoke = await accepted('export.csv', 10);
    expect(invoke).toMatchObject({
      type: 'invoke',
      name: 'fileConsent/invoke',
      conversation: { id: sim.chatConversationId, conversationType: 'personal' },
      value: { type: 'fileUpload', action: 'accept', context: { exportId: 'export.csv' }, uploadInfo: { name: 'export.csv', fileType: 'csv', uploadUrl: expect.stringContaining(sim.url), contentUrl: expect.any(String), uniqueId: expect.any(String) } },
    });
    expect(typeof invoke['replyToId']).toBe('string');
  });

  it('Decline sends the decline context and no upload info', async () => {
    const messageId = await offer('declined.csv', 10);
    await sim.answerFileConsent({ messageId, action: 'decline' });
    expect(invokes.at(-1)!['value']).toEqual({ type: 'fileUpload', action: 'decline', context: { exportId: 'declined.csv' } });
  });

  it('the chat page answers a consent card the same way', async () => {
    const messageId = await offer('page.csv', 10);
    const response = await fetch(`${sim.url}/chat/api/file-consent`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId, action: 'decline' }) });
    expect(response.status).toBe(200);
    expect(invokes.at(-1)!['value']).toMatchObject({ action: 'decline', context: { exportId: 'page.csv' } });
  });
});

describe('OneDrive upload sessions', () => {
  it('takes byte ranges in order: 202 with nextExpectedRanges, then 201 with the driveItem; the file is recorded', async () => {
    const content = Buffer.alloc(FRAGMENT_UNIT + 5, 'a');
    const { uploadUrl } = (await accepted('big.csv', content.length))['value'].uploadInfo;
    const first = await put(uploadUrl, `bytes 0-${FRAGMENT_UNIT - 1}/${content.length}`, content.subarray(0, FRAGMENT_UNIT));
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ nextExpectedRanges: [`${FRAGMENT_UNIT}-`], expirationDateTime: expect.any(String) });
    const last = await put(uploadUrl, `bytes ${FRAGMENT_UNIT}-${content.length - 1}/${content.length}`, content.subarray(FRAGMENT_UNIT));
    expect(last.status).toBe(201);
    expect(await last.json()).toMatchObject({ id: expect.any(String), name: 'big.csv', size: content.length, webUrl: expect.any(String) });
    const [file] = await sim.waitForUploadedFiles((f) => f.name === 'big.csv');
    expect(file!.content.equals(content)).toBe(true);
    expect(file!.fragments).toBe(2);
    // Complete: the session is gone.
    expect((await put(uploadUrl, `bytes 0-0/${content.length}`, Buffer.from('a'))).status).toBe(404);
  });

  it('refuses an out-of-order range (416), a bearer token (401), a malformed range (400), an expired session (404)', async () => {
    const { uploadUrl } = (await accepted('refused.csv', 20))['value'].uploadInfo;
    expect((await put(uploadUrl, 'bytes 10-19/20', Buffer.alloc(10))).status).toBe(416);
    expect((await put(uploadUrl, 'bytes 0-19/20', Buffer.alloc(20), { authorization: 'Bearer bot-token' })).status).toBe(401);
    expect((await put(uploadUrl, 'bytes 0-9', Buffer.alloc(10))).status).toBe(400);
    sim.expireUploadSessions();
    expect((await put(uploadUrl, 'bytes 0-19/20', Buffer.alloc(20))).status).toBe(404);
    expect(sim.uploadedFiles.some((f) => f.name === 'refused.csv')).toBe(false);
  });
});
