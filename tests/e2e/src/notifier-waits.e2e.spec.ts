import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@herald/testing';
import { installPersonalChat, startHerald, type Herald } from './herald-harness.js';

/**
 * Waiting for Teams' limits never outlives a held message: with a 2 s AckWait, a conversation
 * that must wait seconds for its window is neither redelivered half-way (contradictory outcomes)
 * nor allowed to hold every handler while others wait.
 */
const API_KEY = 'waits-key';
let herald: Herald;
let db: pg.Client;

const notify = (body: unknown) => request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send(body as object);
const statusOf = async (id: string) => (await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${API_KEY}`)).body as { state: string; buckets: Record<string, number> };
const posts = (text: string) => herald.sim.connectorCalls.filter((call) => call.operation === 'sendToConversation' && call.status < 300 && JSON.stringify(call.body).includes(text));


beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY, NATS_ACK_WAIT_SECONDS: '2' } });
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  for (const name of ['busy', 'quiet', 'throttled', 'bystander']) await installPersonalChat(herald, `a:waits-${name}`);
  await eventually(async () => Number((await db.query('select count(*) from notifier.known_conversations')).rows[0].count) === 4 || undefined, 15_000, 'directory ready');
});

afterAll(async () => {
  await db?.end();
  await herald?.close();
});

describe('waiting for a conversation\'s rate windows', () => {
  it('40 notifications to one chat: each Delivered once, none Unknown, while another chat is served at once', async () => {
    const busy = await Promise.all(Array.from({ length: 40 }, (_, i) => notify({ recipients: [{ conversationId: 'a:waits-busy' }], text: `Busy ${i} of 40` })));
    expect(busy.every((response) => response.status === 202)).toBe(true);
    await herald.sim.waitForConnectorCalls((call) => JSON.stringify(call.body).includes('Busy'), 8, 10_000);

    const quietSentAt = Date.now();
    const quiet = await notify({ recipients: [{ conversationId: 'a:waits-quiet' }], text: 'Quiet chat' });
    const [call] = await herald.sim.waitForConnectorCalls((c) => JSON.stringify(c.body).includes('Quiet chat'), 1, 10_000);
    expect(call!.at.getTime() - quietSentAt, 'the quiet chat does not queue behind the busy one').toBeLessThan(1_500);
    expect((await statusOf(quiet.body.id as string)).buckets).toBeDefined();

    const ids = busy.map((response) => response.body.id as string);
    await eventually(async () => {
      const states = await Promise.all(ids.map((id) => statusOf(id)));
      return states.every((status) => status.state === 'completed') ? states : undefined;
    }, 60_000, 'every busy notification completed');
    const { rows } = await db.query(`select bucket, count(*)::int as n from notifier.notification_recipients where notification_id = any($1) group by bucket`, [ids]);
    expect(Object.fromEntries(rows.map((row) => [row.bucket, row.n]))).toEqual({ Delivered: 40 });
    for (let i = 0; i < 40; i++) expect(posts(`Busy ${i} of 40`), `Busy ${i} sent once`).toHaveLength(1);
  }, 90_000);

  it('a 429 holds the whole tenant back for a moment, and the throttled message goes after its Retry-After', async () => {
    herald.sim.failConversation('a:waits-throttled', { status: 429, code: 'Throttled', retryAfterSeconds: 2 });
    const throttled = await notify({ recipients: [{ conversationId: 'a:waits-throttled' }], text: 'Throttled once' });
    const [refused] = await herald.sim.waitForConnectorCalls((call) => call.status === 429 && JSON.stringify(call.body).includes('Throttled once'), 1, 10_000);
    herald.sim.clearFaults();
    await notify({ recipients: [{ conversationId: 'a:waits-bystander' }], text: 'Same tenant, other chat' });
    const [bystander] = await herald.sim.waitForConnectorCalls((call) => JSON.stringify(call.body).includes('Same tenant, other chat'), 1, 10_000);
    expect(bystander!.at.getTime() - refused!.at.getTime(), 'the tenant held back').toBeGreaterThanOrEqual(230);
    await eventually(async () => ((await statusOf(throttled.body.id as string)).state === 'completed' || undefined), 15_000, 'the throttled one delivered');
    expect((await statusOf(throttled.body.id as string)).buckets).toMatchObject({ Delivered: 1 });
    const [retried] = herald.sim.connectorCalls.filter((call) => call.status < 300 && JSON.stringify(call.body).includes('Throttled once'));
    expect(retried!.at.getTime() - refused!.at.getTime(), 'the throttled send waited its Retry-After').toBeGreaterThanOrEqual(1_900);
  });
});
