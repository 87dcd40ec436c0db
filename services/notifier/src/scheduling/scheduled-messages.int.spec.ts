import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, metadataFor } from '@herald/contracts';
import { EventStore } from '@herald/event-sourcing';
import { connectToNats, heraldStreams, MessageBus, provisionTopology, type NatsConnection } from '@herald/messaging';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { NOTIFIER_MIGRATIONS } from '../migrations/notifier.migrations.js';
import { ScheduledMessagePump, ScheduledMessages } from './scheduled-messages.js';

const prefix = uniquePrefix('sched');
const names = busNames(prefix);
const logger = createLogger({ service: 'test', level: 'silent' });
let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: MikroORM;
let connection: NatsConnection;
let bus: MessageBus;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ url: testDb.url, schema: 'notifier', entities: [], migrations: NOTIFIER_MIGRATIONS, applicationName: 'scheduled-test' });
  connection = await connectToNats({ url: NATS_URL, name: 'scheduled-test', logger });
  await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
  bus = new MessageBus(connection, names);
});

afterAll(async () => {
  await database?.close();
  await connection?.close();
  await deleteStreams(prefix);
  await testDb?.drop();
});

const message = (data: string) => ({ type: 'Later', data, metadata: metadataFor({ occurredAt: new Date() }) });

describe('scheduled messages', () => {
  it('are published once they are due, not before, and only once', async () => {
    const scheduled = new ScheduledMessages(database);
    const now = Date.now();
    await scheduled.schedule({ id: 'soon', subject: 'notifier.command.later', message: message('soon'), dueAt: new Date(now + 500) });
    await scheduled.schedule({ id: 'soon', subject: 'notifier.command.later', message: message('again'), dueAt: new Date(now + 500) });
    expect(await scheduled.publishDue(bus, new Date(now))).toBe(0);
    expect(await scheduled.publishDue(bus, new Date(now + 600))).toBe(1);
    expect(await scheduled.publishDue(bus, new Date(now + 700))).toBe(0);
    const { events } = await new EventStore(bus, { stream: names.stream('outbound').name }).read('notifier.command.later', (raw) => raw as { data: string });
    expect(events.map(({ event }) => event.data)).toEqual(['soon']);
  });

  it('one message that cannot be published holds up no other: it is tried again later', async () => {
    const scheduled = new ScheduledMessages(database);
    const now = Date.now();
    await scheduled.schedule({ id: 'nowhere', subject: 'no-stream.at.all', message: message('nowhere'), dueAt: new Date(now - 1_000) });
    await scheduled.schedule({ id: 'fine', subject: 'notifier.command.fine', message: message('fine'), dueAt: new Date(now) });
    expect(await scheduled.publishDue(bus, new Date(now + 100))).toBe(1);
    const { events } = await new EventStore(bus, { stream: names.stream('outbound').name }).read('notifier.command.fine', (raw) => raw as { data: string });
    expect(events.map(({ event }) => event.data)).toEqual(['fine']);
    const left = await database.em.fork().execute<{ id: string; due_at: Date }[]>('select id, due_at from scheduled_messages');
    expect(left.map((row) => row.id)).toEqual(['nowhere']);
    expect(new Date(left[0]!.due_at).getTime()).toBeGreaterThan(now + 1_000);
  });

  it('a pump stops at once, even while it waits out a retry delay after a failure', async () => {
    const broken = await openDatabase({ url: testDb.url, schema: 'no_tables', entities: [], migrations: [], applicationName: 'scheduled-broken' });
    const pump = new ScheduledMessagePump(new ScheduledMessages(broken), bus, logger, 3_000);
    pump.onApplicationBootstrap();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await pump.beforeApplicationShutdown();
    expect(Date.now() - started).toBeLessThan(500);
    await broken.close();
  });
});
