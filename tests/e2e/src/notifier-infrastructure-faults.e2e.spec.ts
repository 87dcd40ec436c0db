import { DiscardPolicy, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, type BusNames } from '@herald/contracts';
import { connectToNats, heraldStreams, provisionTopology } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { eventually, NATS_URL } from '@herald/testing';
import { installPersonalChat, startHerald, type Herald } from './herald-harness.js';

/**
 * Herald's own failures — NATS or Postgres failing around a Bot Connector call — decide no
 * bucket: the delivery waits and goes on, and a message already sent stays Delivered.
 */
const API_KEY = 'infra-fault-key';
let herald: Herald;
let db: pg.Client;
let nats: NatsConnection;
let jsm: JetStreamManager;
let names: BusNames;

const notify = (body: unknown) => request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send(body as object);
const statusOf = async (id: string) => (await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${API_KEY}`)).body as { state: string; total: number; buckets: Record<string, number> };
const completed = (id: string) => eventually(async () => ((await statusOf(id)).state === 'completed' ? statusOf(id) : undefined), 30_000, `notification ${id} completed`);
const posts = (text: string) => herald.sim.connectorCalls.filter((call) => call.operation === 'sendToConversation' && call.status < 300 && JSON.stringify(call.body).includes(text));


beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY } });
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  nats = await connectToNats({ url: NATS_URL, name: 'infra-faults', logger: createLogger({ service: 'test', level: 'silent' }) });
  jsm = await jetstreamManager(nats);
  names = busNames(herald.prefix);
  for (const name of ['slots-1', 'slots-2', 'publish', 'record']) await installPersonalChat(herald, `a:infra-${name}`);
  await eventually(async () => Number((await db.query('select count(*) from notifier.known_conversations')).rows[0].count) === 4 || undefined, 15_000, 'directory ready');
});

afterAll(async () => {
  await db?.end();
  await nats?.close();
  await herald?.close();
});

describe('a failure of NATS or Postgres around a send', () => {
  it('while claiming a rate slot: nothing is sent and nothing settles until JetStream is back, then each recipient is Delivered once', async () => {
    await jsm.streams.delete(names.stream('rateSlots').name);
    const created = await notify({ recipients: [{ conversationId: 'a:infra-slots-1' }, { conversationId: 'a:infra-slots-2' }], text: 'Slots were gone' });
    expect(created.status).toBe(202);
    await eventually(async () => ((await statusOf(created.body.id as string)).total === 2 || undefined), 10_000, 'resolved');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const meanwhile = await statusOf(created.body.id as string);
    expect(meanwhile.buckets, 'no bucket decided by Herald\'s own failure').toMatchObject({ Delivered: 0, Unknown: 0, Failed: 0 });
    expect(posts('Slots were gone')).toHaveLength(0);

    await provisionTopology(nats, { streams: heraldStreams(names), consumers: [] });
    const status = await completed(created.body.id as string);
    expect(status.buckets).toMatchObject({ Delivered: 2, Unknown: 0 });
    expect(posts('Slots were gone')).toHaveLength(2);
  });

  it('when publishing the outcome after a successful send: the recipient stays Delivered, sent once', async () => {
    herald.sim.failConversation('a:infra-publish', { answerAfterMs: 1_500 });
    const created = await notify({ recipients: [{ conversationId: 'a:infra-publish' }], text: 'Published late' });
    await eventually(async () => ((await statusOf(created.body.id as string)).total === 1 || undefined), 10_000, 'resolved');
    // While the Bot Connector holds its answer, the NOTIFICATIONS stream stops taking messages.
    const stream = names.stream('notifications').name;
    const { config, state } = await jsm.streams.info(stream);
    await jsm.streams.update(stream, { ...config, discard: DiscardPolicy.New, max_msgs: state.messages });
    await herald.sim.waitForConnectorCalls((call) => JSON.stringify(call.body).includes('Published late'), 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await jsm.streams.update(stream, { ...config, discard: DiscardPolicy.Old, max_msgs: -1 });
    herald.sim.clearFaults();

    const status = await completed(created.body.id as string);
    expect(status.buckets).toMatchObject({ Delivered: 1, Unknown: 0 });
    expect(posts('Published late')).toHaveLength(1);
  });

  it('when Postgres refuses to record a successful send: the recipient stays Delivered, sent once', async () => {
    await db.query(`create function notifier.refuse_delivered() returns trigger language plpgsql as $$
      begin if new.state = 'delivered' then raise exception 'simulated outage'; end if; return new; end $$`);
    await db.query('create trigger refuse_delivered before update on notifier.outbound_sends for each row execute function notifier.refuse_delivered()');
    const created = await notify({ recipients: [{ conversationId: 'a:infra-record' }], text: 'Recorded late' });
    await herald.sim.waitForConnectorCalls((call) => JSON.stringify(call.body).includes('Recorded late'), 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await db.query('drop trigger refuse_delivered on notifier.outbound_sends');

    const status = await completed(created.body.id as string);
    expect(status.buckets).toMatchObject({ Delivered: 1, Unknown: 0 });
    expect(posts('Recorded late')).toHaveLength(1);
  });
});
