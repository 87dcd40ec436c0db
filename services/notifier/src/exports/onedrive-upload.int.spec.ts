import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID, DEV_APP_SECRET } from '@herald/config';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { FRAGMENT_UNIT, uploadToSession } from './onedrive-upload.js';

let sim: TeamsSim;
let bot: Server;
const uploadUrls: string[] = [];

/** A stand-in bot that keeps the upload URL of each accepted consent (this spec tests the uploader alone). */
beforeAll(async () => {
  bot = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { value?: { uploadInfo?: { uploadUrl?: string } } };
      if (activity.value?.uploadInfo?.uploadUrl) uploadUrls.push(activity.value.uploadInfo.uploadUrl);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, botEndpoint: `http://127.0.0.1:${(bot.address() as AddressInfo).port}/api/messages` });
});

afterAll(async () => {
  await sim?.close();
  await new Promise((resolve) => bot?.close(resolve));
});

/** An upload session Teams opened for `name`: a consent card in the chat page's chat, accepted. */
async function uploadUrlFor(name: string): Promise<string> {
  const token = (await (await fetch(`${sim.authorityHost}/botframework.com/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEV_APP_ID, client_secret: DEV_APP_SECRET, scope: 'https://api.botframework.com/.default' }) })).json()) as { access_token: string };
  const card = { contentType: 'application/vnd.microsoft.teams.card.file.consent', name, content: { description: name, sizeInBytes: 1, acceptContext: {}, declineContext: {} } };
  const sent = await fetch(`${sim.serviceUrl}v3/conversations/${encodeURIComponent(sim.chatConversationId)}/activities`, { method: 'POST', headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', attachments: [card] }) });
  const { id } = (await sent.json()) as { id: string };
  await sim.answerFileConsent({ messageId: id, action: 'accept' });
  return uploadUrls.at(-1)!;
}

describe('upload to a OneDrive upload session', () => {
  it('sends a large file in 320 KiB-multiple ranges, in order, until OneDrive answers with the driveItem', async () => {
    const content = Buffer.from(Array.from({ length: 11 * FRAGMENT_UNIT + 123 }, (_, i) => i % 251));
    const result = await uploadToSession(await uploadUrlFor('large.csv'), content);
    expect(result).toMatchObject({ uploaded: { name: 'large.csv', size: content.length } });
    const [file] = await sim.waitForUploadedFiles((f) => f.name === 'large.csv');
    expect(file!.fragments).toBe(2);
    expect(file!.content.equals(content)).toBe(true);
  });

  it('a session that expired meanwhile fails the upload for good (UploadSessionGone)', async () => {
    const url = await uploadUrlFor('late.csv');
    sim.expireUploadSessions();
    expect(await uploadToSession(url, Buffer.from('a,b\r\n'))).toEqual({ failed: 'UploadSessionGone' });
  });

  it('never sends the file to a plain-http host that is not the local simulator', async () => {
    expect(await uploadToSession('http://uploads.example/up/1', Buffer.from('x'))).toEqual({ failed: 'UntrustedUploadUrl' });
  });
});
