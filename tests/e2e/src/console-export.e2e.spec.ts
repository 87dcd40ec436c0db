import { randomUUID } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, deriveId, metadataFor, recipientsExportEventSchema, SUBJECTS, syncDirectoryAnswerSchema, type Message, type RecipientsExportEvent } from '@herald/contracts';
import { EventStore, subjectToken } from '@herald/event-sourcing';
import { connectToNats, MessageBus } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { eventually, NATS_URL } from '@herald/testing';
import { installPersonalChat, startHerald, type Herald } from './herald-harness.js';
import { TestClock } from './test-clock.js';

const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
const MESSAGE_ID = 'm-export';
const NOTIFICATION_ID = `console-${MESSAGE_ID}`;
const RECIPIENTS = ['a:export-ada', 'a:export-bob'];
/** The notifier's clock, which the test moves: nobody waits 24 hours for an export offer to expire. */
const clock = new TestClock();
let herald: Herald;
let bus: MessageBus;
let closeBus: () => Promise<void>;
let db: pg.Client;
let author: { id: string; aadObjectId: string; name: string };

type Transcript = { id: string; from: string; text?: string; attachments: { contentType: string; name?: string; content?: Record<string, unknown>; contentUrl?: string }[]; updated: boolean }[];
const transcript = async (): Promise<Transcript> => (await (await fetch(`${herald.sim.url}/chat/api/conversation`)).json()) as Transcript;
const consentCardFor = (exportId: string) =>
  eventually(async () => (await transcript()).find((m) => m.attachments.some((a) => a.contentType === FILE_CONSENT && (a.content?.['acceptContext'] as { exportId?: string })?.exportId === exportId)), 20_000, `the consent card of ${exportId}`);

async function exportEvents(exportId: string): Promise<RecipientsExportEvent[]> {
  const store = new EventStore(bus, { stream: bus.names.stream('console').name });
  const { events: stored } = await store.read(SUBJECTS.consoleExport(subjectToken(exportId)), (raw) => recipientsExportEventSchema.parse(raw));
  return stored.map(({ event }) => event);
}
const events = async (exportId: string): Promise<RecipientsExportEvent['type'][]> => (await exportEvents(exportId)).map((event) => event.type);
const eventsWhen = (exportId: string, type: RecipientsExportEvent['type']) => eventually(async () => ((await events(exportId)).includes(type) ? events(exportId) : undefined), 20_000, `${type} of ${exportId}`);

async function requestExport(exportId: string = randomUUID(), msgID = exportId, by: { aadObjectId: string; name?: string } = author): Promise<string> {
  const requested: Message<'RecipientsExportRequested', unknown> = {
    type: 'RecipientsExportRequested',
    data: { exportId, messageId: MESSAGE_ID, notificationId: NOTIFICATION_ID, author: { aadObjectId: by.aadObjectId, tenantId: herald.sim.tenantId, ...(by.name ? { name: by.name } : {}) }, fileName: `recipients-${exportId.slice(0, 8)}.csv`, requestedAt: new Date().toISOString() },
    metadata: metadataFor({ id: deriveId('export', exportId), occurredAt: new Date() }),
  };
  await bus.publish(SUBJECTS.consoleExport(subjectToken(exportId)), requested, { msgID });
  return exportId;
}

/** A console message as the console records it: drafted by an author of `tenantId`, and sent as `console-<id>`. */
async function consoleMessage(messageId: string, tenantId: string, options: { sent: boolean }): Promise<void> {
  const subject = SUBJECTS.consoleMessage(subjectToken(messageId));
  const by = { aadObjectId: author.aadObjectId, tenantId };
  const at = new Date().toISOString();
  const drafted = { type: 'MessageDrafted', data: { messageId, author: by, draft: { title: 'Quarterly update: Q4 / 2026', buttons: [], acknowledge: false, audience: { teams: [], teamMembers: [], groups: [], everyone: true }, needsApproval: false }, draftedAt: at }, metadata: metadataFor({ occurredAt: new Date() }) };
  await bus.publish(subject, drafted, { msgID: `${messageId}-drafted` });
  if (!options.sent) return;
  const sent = { type: 'MessageSent', data: { messageId, author: by, notificationId: `console-${messageId}`, send: {}, sentAt: at }, metadata: metadataFor({ occurredAt: new Date() }) };
  await bus.publish(subject, sent, { msgID: `${messageId}-sent` });
}

/** graph-sync syncs the sim tenant's directory now, and the notifier has every user of it. */
async function syncDirectory(): Promise<void> {
  const sync = { type: 'SyncDirectoryRequested', data: { tenantId: herald.sim.tenantId }, metadata: metadataFor({ occurredAt: new Date() }) };
  expect(syncDirectoryAnswerSchema.parse(await bus.request(SUBJECTS.syncDirectoryRequest, sync, 30_000)).status).toBe('synced');
  const users = herald.sim.directoryUserIds().length;
  await eventually(async () => Number((await db.query('select count(*) from notifier.directory_people where tenant_id = $1', [herald.sim.tenantId])).rows[0].count) === users || undefined, 15_000, 'directory projected');
}

/** The console's API, called as the author (an Entra token for Herald; HERALD_AUTHORS lists her UPN). */
const consoleApi = {
  exportOf: async (messageId: string) => request(herald.gatewayUrl).post(`/api/v1/console/messages/${messageId}/exports`).set('Authorization', `Bearer ${await herald.sim.mintUserSsoToken({ aadObjectId: author.aadObjectId })}`),
  stateOf: async (exportId: string) => request(herald.gatewayUrl).get(`/api/v1/console/exports/${exportId}`).set('Authorization', `Bearer ${await herald.sim.mintUserSsoToken({ aadObjectId: author.aadObjectId })}`),
};

beforeAll(async () => {
  herald = await startHerald({ notifierClock: clock, graphSync: true, env: { HERALD_AUTHORS: 'meganb@contoso.example' } });
  await herald.startRouter();
  const connection = await connectToNats({ url: NATS_URL, name: 'console-export-test', logger: createLogger({ service: 'test', level: 'silent' }) });
  bus = new MessageBus(connection, busNames(herald.prefix));
  closeBus = () => connection.close();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  // The author: the chat page's user (Megan Bowen), who installed Herald in her personal chat.
  const session = (await (await fetch(`${herald.sim.url}/chat/api/session`)).json()) as { user: typeof author; tenantId: string };
  author = session.user;
  await installPersonalChat(herald, herald.sim.chatConversationId, { userId: author.id, tenantId: herald.sim.tenantId, extra: { from: { id: author.id, aadObjectId: author.aadObjectId }, channelData: { tenant: { id: herald.sim.tenantId } } } });
  for (const conversationId of RECIPIENTS) await installPersonalChat(herald, conversationId);
  const known = [herald.sim.chatConversationId, ...RECIPIENTS];
  await eventually(async () => ((await db.query('select count(*)::int as n from notifier.known_conversations where conversation_id = any($1)', [known])).rows[0].n === known.length ? true : undefined), 20_000, 'the installs recorded');
  // The console's sent message: notification console-<messageId>, two people and a chat Herald does not know (named like a formula).
  const recipients = [...RECIPIENTS.map((conversationId) => ({ conversationId })), { conversationId: '=HYPERLINK("http://evil")' }];
  const sent: Message<string, unknown> = { type: 'NotificationRequested', data: { notificationId: NOTIFICATION_ID, caller: 'console', recipients, content: { text: 'Quarterly update' }, requestedAt: new Date().toISOString() }, metadata: metadataFor({ occurredAt: new Date() }) };
  await bus.publish(SUBJECTS.notification(subjectToken(NOTIFICATION_ID)), sent, { msgID: NOTIFICATION_ID });
  await eventually(async () => ((await db.query('select count(*)::int as n from notifier.notification_recipients where notification_id = $1', [NOTIFICATION_ID])).rows[0].n === 3 ? true : undefined), 20_000, 'every recipient settled');
  await consoleMessage(MESSAGE_ID, herald.sim.tenantId, { sent: true });
  await consoleMessage('m-draft', herald.sim.tenantId, { sent: false });
  await consoleMessage('m-elsewhere', 'a0a0a0a0-1111-4222-8333-444455556666', { sent: true });
}, 60_000);

afterAll(async () => {
  await db?.end();
  await closeBus?.();
  await herald?.close();
});

describe('recipients export to the author\'s OneDrive (file consent)', () => {
  it('offers a consent card in the author\'s chat; accepting uploads the CSV of every recipient to the upload URL, then shows the file', async () => {
    const exportId = await requestExport();
    const card = await consentCardFor(exportId);
    const consent = card.attachments.find((a) => a.contentType === FILE_CONSENT)!;
    expect(consent.name).toBe(`recipients-${exportId.slice(0, 8)}.csv`);
    await eventsWhen(exportId, 'RecipientsExportOffered');

    const answer = await herald.sim.answerFileConsent({ messageId: card.id, action: 'accept' });
    expect(answer.status).toBe(200);
    const [file] = await herald.sim.waitForUploadedFiles((f) => f.name === consent.name, 1, 20_000);
    const text = file!.content.toString('utf8');
    expect(text.charCodeAt(0), 'a BOM, so Excel reads UTF-8').toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('recipient,bucket,reason,conversationId,attempts,settledAt');
    expect(lines).toHaveLength(4);
    for (const conversationId of RECIPIENTS) expect(lines.find((l) => l.startsWith(`${conversationId},Delivered,`))).toBeDefined();
    expect(lines, 'a cell a spreadsheet would run is defused').toContainEqual(expect.stringMatching(/^"'=HYPERLINK\(""http:\/\/evil""\)",NotInstalled,ConversationUnknown,,0,/));
    expect(file!.bytes, 'the consent card announced the real size').toBe(consent.content?.['sizeInBytes']);

    await eventually(async () => (await transcript()).find((m) => m.attachments.some((a) => a.contentType === FILE_INFO && a.name === consent.name)), 20_000, 'the file info card');
    await eventually(async () => (await transcript()).find((m) => m.id === card.id && m.updated && /uploaded to your OneDrive/.test(m.text ?? '')), 20_000, 'the consent card saying it was uploaded');
    expect(await eventsWhen(exportId, 'RecipientsExportUploaded')).toEqual(['RecipientsExportRequested', 'RecipientsExportOffered', 'RecipientsExportUploaded']);
    // No bot token went to the upload URL: the sim's OneDrive answers 401 to any Authorization header, and the upload succeeded.
    expect(file!.fragments).toBe(1);
  });

  it('a repeated answer or a redelivered request uploads nothing twice and sends no second card', async () => {
    const exportId = await requestExport();
    const card = await consentCardFor(exportId);
    await herald.sim.answerFileConsent({ messageId: card.id, action: 'accept' });
    await herald.sim.answerFileConsent({ messageId: card.id, action: 'accept' });
    await eventsWhen(exportId, 'RecipientsExportUploaded');
    await requestExport(exportId, `${exportId}-again`);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const name = `recipients-${exportId.slice(0, 8)}.csv`;
    expect(herald.sim.uploadedFiles.filter((f) => f.name === name)).toHaveLength(1);
    const cards = herald.sim.connectorCalls.filter((c) => c.operation === 'sendToConversation' && JSON.stringify(c.body).includes(FILE_CONSENT) && JSON.stringify(c.body).includes(exportId));
    expect(cards).toHaveLength(1);
    expect((await transcript()).filter((m) => m.attachments.some((a) => a.contentType === FILE_INFO && a.name === name))).toHaveLength(1);
  });

  it('declining uploads nothing and says so on the card', async () => {
    const exportId = await requestExport();
    const card = await consentCardFor(exportId);
    await herald.sim.answerFileConsent({ messageId: card.id, action: 'decline' });
    expect(await eventsWhen(exportId, 'RecipientsExportDeclined')).toEqual(['RecipientsExportRequested', 'RecipientsExportOffered', 'RecipientsExportDeclined']);
    await eventually(async () => (await transcript()).find((m) => m.id === card.id && /Export declined/.test(m.text ?? '')), 20_000, 'the card saying the export was declined');
    expect(herald.sim.uploadedFiles.filter((f) => f.name.startsWith(`recipients-${exportId.slice(0, 8)}`))).toEqual([]);
  });

  it('an offer nobody answers expires after 24 hours of the notifier\'s clock, and its card can no longer be answered', async () => {
    const exportId = await requestExport();
    const card = await consentCardFor(exportId);
    await eventsWhen(exportId, 'RecipientsExportOffered');
    clock.advance(23 * 3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await events(exportId)).not.toContain('RecipientsExportExpired');
    clock.advance(3_600_000 + 1_000);
    expect(await eventsWhen(exportId, 'RecipientsExportExpired')).toEqual(['RecipientsExportRequested', 'RecipientsExportOffered', 'RecipientsExportExpired']);
    await eventually(async () => (await transcript()).find((m) => m.id === card.id && /expired/.test(m.text ?? '')), 20_000, 'the card saying the offer expired');
    await expect(herald.sim.answerFileConsent({ messageId: card.id, action: 'accept' })).rejects.toThrow(/no file consent card/);
    expect(herald.sim.uploadedFiles.filter((f) => f.name.startsWith(`recipients-${exportId.slice(0, 8)}`))).toEqual([]);
  });

  it('through the console API: POST …/exports → 202 { exportId } → the card → accept → GET …/exports/{id} says uploaded', async () => {
    const asked = await consoleApi.exportOf(MESSAGE_ID);
    expect(asked.status).toBe(202);
    const { exportId } = asked.body as { exportId: string };
    expect(asked.headers['location']).toBe(`/api/v1/console/exports/${exportId}`);
    const card = await consentCardFor(exportId);
    const fileName = card.attachments.find((a) => a.contentType === FILE_CONSENT)!.name!;
    expect(fileName).toMatch(/^Quarterly-update-Q4-2026-recipients-\d{4}-\d\d-\d\d\.csv$/);
    expect((await consoleApi.stateOf(exportId)).body).toEqual({ exportId, state: 'offered', fileName });
    await herald.sim.answerFileConsent({ messageId: card.id, action: 'accept' });
    await herald.sim.waitForUploadedFiles((f) => f.name === fileName, 1, 20_000);
    await eventually(async () => ((await consoleApi.stateOf(exportId)).body.state === 'uploaded' ? true : undefined), 20_000, 'the export uploaded');
  });

  it('the console API refuses a message never sent (409), another tenant\'s message or export (404), and a caller without a token (401)', async () => {
    const draft = await consoleApi.exportOf('m-draft');
    expect(draft.status).toBe(409);
    expect(draft.headers['content-type']).toContain('application/problem+json');
    expect((await consoleApi.exportOf('m-elsewhere')).status).toBe(404);
    expect((await consoleApi.exportOf('m-nowhere')).status).toBe(404);
    expect((await consoleApi.stateOf(randomUUID())).status).toBe(404);
    expect((await request(herald.gatewayUrl).post(`/api/v1/console/messages/${MESSAGE_ID}/exports`)).status).toBe(401);
  });

  it('an author Herald has no chat with: graph-sync installs Herald for them, and the card goes to that chat', async () => {
    const [colleague] = herald.sim.seedDirectory({ users: 1 });
    await syncDirectory();
    const exportId = await requestExport(randomUUID(), undefined, { aadObjectId: colleague!.id });
    await eventsWhen(exportId, 'RecipientsExportOffered');
    const offered = (await exportEvents(exportId)).find((event) => event.type === 'RecipientsExportOffered')!;
    const { conversationId, activityId } = offered.data as { conversationId: string; activityId: string };
    expect(herald.sim.installs.filter((install) => install.userId === colleague!.id && install.status === 201)).toHaveLength(1);
    await herald.sim.answerFileConsent({ conversationId, messageId: activityId, action: 'accept', from: { id: `29:${colleague!.id}`, aadObjectId: colleague!.id } });
    const [file] = await herald.sim.waitForUploadedFiles((f) => f.conversationId === conversationId, 1, 20_000);
    expect(file!.content.toString('utf8')).toContain('recipient,bucket,reason,conversationId,attempts,settledAt');
    await eventsWhen(exportId, 'RecipientsExportUploaded');
  });

  it('an author no chat can reach: the export fails, saying why', async () => {
    const exportId = await requestExport(randomUUID(), undefined, { aadObjectId: randomUUID() });
    await eventsWhen(exportId, 'RecipientsExportFailed');
    expect((await exportEvents(exportId)).at(-1)).toMatchObject({ type: 'RecipientsExportFailed', data: { reason: 'NoConversation' } });
  });
});
