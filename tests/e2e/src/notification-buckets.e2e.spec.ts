import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, metadataFor, SUBJECTS } from '@herald/contracts';
import { connectToNats, MessageBus } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { eventually, fixture, NATS_URL } from '@herald/testing';
import { installPersonalChat, startHerald, type Herald } from './herald-harness.js';

const API_KEY = 'bucket-test-key';
let herald: Herald;
let db: pg.Client;
const installed = fixture<Record<string, unknown>>('conversationUpdate-botAdded-personal.json');
const TENANT = (installed['conversation'] as { tenantId: string }).tenantId;
const CONVERSATIONS = ['ok', 'roster', 'blocked', 'disabled', 'gone', 'boom', 'reset', 'hang', 'throttled'].map((name) => `a:b-${name}`);


/** A stored reference whose serviceUrl is not a trusted host (as if the store had been tampered with). */
async function poisonedReference(conversationId: string): Promise<void> {
  const connection = await connectToNats({ url: NATS_URL, name: 'poison', logger: createLogger({ service: 'test', level: 'silent' }) });
  const token = Buffer.from(conversationId).toString('base64url');
  await new MessageBus(connection, busNames(herald.prefix)).publish(SUBJECTS.conversation(token), {
    type: 'ConversationInstalled',
    data: { conversationId, kind: 'personal', tenantId: TENANT, serviceUrl: 'https://smba.evil.example.net/amer/', user: { id: '29:victim' }, via: 'inferred', upgrade: false, installedAt: new Date().toISOString() },
    metadata: metadataFor({ occurredAt: new Date() }),
  });
  await connection.close();
}

const notify = (body: unknown) => request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send(body as object);
const completed = (id: string) =>
  eventually(async () => {
    const response = await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${API_KEY}`);
    return response.body?.state === 'completed' ? (response.body as Record<string, unknown>) : undefined;
  }, 30_000, `notification ${id} completed`);
const recipients = async (id: string) =>
  Object.fromEntries((await db.query('select recipient_key, bucket, code from notifier.notification_recipients where notification_id = $1', [id])).rows.map((row) => [row.recipient_key, [row.bucket, row.code]]));

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY, BOT_CONNECTOR_TIMEOUT_SECONDS: '2' } });
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  for (const conversationId of CONVERSATIONS) await installPersonalChat(herald, conversationId);
  await poisonedReference('a:b-poisoned');
  await eventually(async () => Number((await db.query('select count(*) from notifier.known_conversations')).rows[0].count) === CONVERSATIONS.length + 1 || undefined, 15_000, 'directory ready');
});

afterAll(async () => {
  await db?.end();
  await herald?.close();
});

describe('what the Bot Connector answers decides each recipient\'s bucket', () => {
  it('403/404 → Failed with the exact code, 500, a timeout and a dropped connection → Unknown, 429 → retried, untrusted serviceUrl → Failed without a call', async () => {
    herald.sim.failConversation('a:b-roster', { status: 403, code: 'BotNotInConversationRoster' });
    herald.sim.failConversation('a:b-blocked', { status: 403, code: 'ConversationBlockedByUser' });
    herald.sim.failConversation('a:b-disabled', { status: 403, code: 'BotDisabledByAdmin' });
    herald.sim.failConversation('a:b-gone', { status: 404, code: 'ConversationNotFound' });
    herald.sim.failConversation('a:b-boom', { status: 500, code: 'InternalServerError' });
    herald.sim.failConversation('a:b-reset', 'reset');
    herald.sim.failConversation('a:b-hang', 'hang');
    herald.sim.failConversation('a:b-throttled', { status: 429, code: 'TooManyRequests', retryAfterSeconds: 1 });
    const response = await notify({ recipients: [...CONVERSATIONS, 'a:b-poisoned'].map((conversationId) => ({ conversationId })), text: 'Outage report' });
    expect(response.status).toBe(202);
    const id = response.body.id as string;
    // Faults last until every faulty conversation was tried once (deliveries run concurrently, in no set order); then the 429 retry succeeds.
    await herald.sim.waitForConnectorCalls((c) => c.conversationId === 'a:b-throttled' && c.operation === 'sendToConversation' && c.status === 429, 1, 10_000);
    for (const conversationId of CONVERSATIONS.filter((c) => c !== 'a:b-ok')) {
      await herald.sim.waitForConnectorCalls((c) => c.conversationId === conversationId && c.operation === 'sendToConversation', 1, 10_000);
    }
    herald.sim.clearFaults();

    const status = await completed(id);
    expect(status).toMatchObject({ total: 10, pending: 0, buckets: { Delivered: 2, Failed: 5, Unknown: 3, NotInstalled: 0, Skipped: 0 } });
    expect(await recipients(id)).toEqual({
      'a:b-ok': ['Delivered', null],
      'a:b-throttled': ['Delivered', null],
      'a:b-roster': ['Failed', 'BotNotInConversationRoster'],
      'a:b-blocked': ['Failed', 'ConversationBlockedByUser'],
      'a:b-disabled': ['Failed', 'BotDisabledByAdmin'],
      'a:b-gone': ['Failed', 'ConversationNotFound'],
      'a:b-boom': ['Unknown', 'InternalServerError'],
      'a:b-reset': ['Unknown', expect.any(String)],
      'a:b-hang': ['Unknown', 'Timeout'],
      'a:b-poisoned': ['Failed', 'UntrustedServiceUrl'],
    });
    // Ambiguous outcomes are never re-sent: one call each.
    const outageReports = (conversationId: string) => herald.sim.connectorCalls.filter((c) => c.conversationId === conversationId && JSON.stringify(c.body).includes('Outage report'));
    expect(outageReports('a:b-boom')).toHaveLength(1);
    expect(outageReports('a:b-reset')).toHaveLength(1);
    expect(outageReports('a:b-hang')).toHaveLength(1);
    expect(herald.sim.connectorCalls.filter((c) => c.conversationId === 'a:b-poisoned')).toEqual([]);

    // The app can list who ended where, and how: a page per bucket, each recipient with its history.
    const failed = await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}/recipients?bucket=Failed`).set('Authorization', `Bearer ${API_KEY}`);
    expect(failed.status).toBe(200);
    expect(failed.body.recipients.map((r: { recipientKey: string; code: string }) => [r.recipientKey, r.code])).toEqual([
      ['a:b-blocked', 'ConversationBlockedByUser'],
      ['a:b-disabled', 'BotDisabledByAdmin'],
      ['a:b-gone', 'ConversationNotFound'],
      ['a:b-poisoned', 'UntrustedServiceUrl'],
      ['a:b-roster', 'BotNotInConversationRoster'],
    ]);
    expect(failed.body.next).toBeNull();
    const delivered = await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}/recipients?bucket=Delivered&limit=1`).set('Authorization', `Bearer ${API_KEY}`);
    expect(delivered.body.recipients).toHaveLength(1);
    expect(delivered.body.next).toBe('a:b-ok');
    const rest = await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}/recipients?bucket=Delivered&after=a:b-ok`).set('Authorization', `Bearer ${API_KEY}`);
    expect(rest.body.recipients[0]).toMatchObject({ recipientKey: 'a:b-throttled', bucket: 'Delivered', attempts: 2 });
    expect(rest.body.recipients[0].history.map((h: { status: string; code?: string }) => [h.status, h.code])).toEqual([['Retrying', 'TooManyRequests'], ['Delivered', undefined]]);
    expect((await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}/recipients?bucket=Lost`).set('Authorization', `Bearer ${API_KEY}`)).status).toBe(400);
  });

  it('a conversation refused for good is stale: the next notification does not try it, and says why', async () => {
    const response = await notify({ recipients: [{ conversationId: 'a:b-roster' }, { conversationId: 'a:b-ok' }], text: 'Second report' });
    const id = response.body.id as string;
    const callsBefore = herald.sim.connectorCalls.filter((c) => c.conversationId === 'a:b-roster' && c.method !== 'GET').length;
    expect(await completed(id)).toMatchObject({ total: 2, buckets: { Delivered: 1, NotInstalled: 1 } });
    expect((await recipients(id))['a:b-roster']).toEqual(['NotInstalled', 'Stale:BotNotInConversationRoster']);
    expect(herald.sim.connectorCalls.filter((c) => c.conversationId === 'a:b-roster' && c.method !== 'GET')).toHaveLength(callsBefore);
  });

  it('installing again makes a stale conversation reachable', async () => {
    await installPersonalChat(herald, 'a:b-gone', { extra: { id: 'remove-a:b-gone', type: 'installationUpdate', action: 'remove', membersAdded: undefined, timestamp: new Date().toISOString() } });
    await installPersonalChat(herald, 'a:b-gone', { extra: { id: 'add-again-a:b-gone', type: 'installationUpdate', action: 'add', membersAdded: undefined, timestamp: new Date().toISOString() } });
    await eventually(async () => {
      const response = await notify({ recipients: [{ conversationId: 'a:b-gone' }], text: 'Welcome back' });
      return ((await completed(response.body.id as string)).buckets as { Delivered: number }).Delivered === 1 || undefined;
    }, 15_000, 'delivered after re-install');
  });
});
