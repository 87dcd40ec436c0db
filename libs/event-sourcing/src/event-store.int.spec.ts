import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, metadataFor } from '@herald/contracts';
import { MessageBus, provisionTopology, streamDefinition } from '@herald/messaging';
import { deleteStreams, eventually, NATS_URL, uniquePrefix } from '@herald/testing';
import { ConcurrencyError } from './concurrency-error.js';
import { parseCounterEvent, type CounterEvent } from './counter.spec-helpers.js';
import { EventStore } from './event-store.js';
import { subjectToken } from './subject-token.js';

const prefix = uniquePrefix('es');
const names = busNames(prefix);
const STREAM = `${prefix.toUpperCase()}_TEST`;

let connection: NatsConnection;
let bus: MessageBus;
let store: EventStore;

const at = new Date('2026-01-02T03:04:05Z');
const incremented = (by: number): CounterEvent => ({ type: 'Incremented', data: { by }, metadata: metadataFor({ occurredAt: at }) });
let counters = 0;
const newCounter = () => `test.counter.c${++counters}`;
const byOf = (result: { events: { event: CounterEvent }[] }) => result.events.map(({ event }) => event.data);

beforeAll(async () => {
  connection = await connect({ servers: NATS_URL, noAsyncTraces: true });
  await provisionTopology(connection, { streams: [streamDefinition({ name: STREAM, subjects: [`${prefix}.test.>`] })], consumers: [] });
  bus = new MessageBus(connection, names);
  store = new EventStore(bus, { stream: STREAM });
});

afterAll(async () => {
  await connection?.close();
  await deleteStreams(prefix);
});

describe('EventStore', () => {
  it('reads an aggregate with no event as empty, at sequence 0', async () => {
    expect(await store.read(newCounter(), parseCounterEvent)).toEqual({ events: [], lastSequence: 0 });
  });

  it('reads back what it appended, in order, with stream sequences', async () => {
    const subject = newCounter();
    const events = [incremented(1), incremented(2), incremented(3)];
    const appended = await store.append(subject, events, { expectedLastSequence: 0 });

    const read = await store.read(subject, parseCounterEvent);
    expect(read.events.map(({ event }) => event)).toEqual(events);
    const sequences = read.events.map(({ sequence }) => sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(appended).toEqual({ lastSequence: sequences[2], appended: 3 });
    expect(read.lastSequence).toBe(sequences[2]);
  });

  it('stores the type in the Herald-Type header and the id as Nats-Msg-Id', async () => {
    const subject = newCounter();
    const event = incremented(1);
    const { lastSequence } = await store.append(subject, [event], { expectedLastSequence: 0 });
    const stored = await (await jetstreamManager(connection)).streams.getMessage(STREAM, { seq: lastSequence });
    expect(stored?.header.get('Herald-Type')).toBe('Incremented');
    expect(stored?.header.get('Nats-Msg-Id')).toBe(event.metadata.id);
  });

  it('refuses a writer whose expected sequence is stale, storing nothing', async () => {
    const subject = newCounter();
    const seen = await store.read(subject, parseCounterEvent);
    const first = await store.append(subject, [incremented(1)], { expectedLastSequence: seen.lastSequence });

    const stale = store.append(subject, [incremented(5), incremented(6)], { expectedLastSequence: seen.lastSequence });
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(stale).rejects.toMatchObject({ expectedLastSequence: 0, actualLastSequence: first.lastSequence });
    expect(byOf(await store.read(subject, parseCounterEvent))).toEqual([{ by: 1 }]);
  });

  it('refuses expectedLastSequence 0 once the aggregate has an event', async () => {
    const subject = newCounter();
    await store.append(subject, [incremented(1)], { expectedLastSequence: 0 });
    await expect(store.append(subject, [incremented(2)], { expectedLastSequence: 0 })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('stores a retried append once, even with its expectation now stale', async () => {
    const subject = newCounter();
    const events = [incremented(1), incremented(2)];
    const first = await store.append(subject, events, { expectedLastSequence: 0 });
    const again = await store.append(subject, events, { expectedLastSequence: 0 });

    expect(again).toEqual({ lastSequence: first.lastSequence, appended: 0 });
    expect(byOf(await store.read(subject, parseCounterEvent))).toEqual([{ by: 1 }, { by: 2 }]);
  });

  it('completes a partly stored append when it is retried', async () => {
    const subject = newCounter();
    const events = [incremented(1), incremented(2)];
    await store.append(subject, events.slice(0, 1), { expectedLastSequence: 0 });
    const retried = await store.append(subject, events, { expectedLastSequence: 0 });

    expect(retried.appended).toBe(1);
    expect(byOf(await store.read(subject, parseCounterEvent))).toEqual([{ by: 1 }, { by: 2 }]);
  });

  it("keeps aggregates apart: a subject never shows another's events", async () => {
    const [a, b] = [newCounter(), newCounter()];
    let [lastA, lastB] = [0, 0];
    for (let by = 1; by <= 3; by += 1) {
      lastA = (await store.append(a, [incremented(by)], { expectedLastSequence: lastA })).lastSequence;
      lastB = (await store.append(b, [incremented(by * 10)], { expectedLastSequence: lastB })).lastSequence;
    }
    expect(byOf(await store.read(a, parseCounterEvent))).toEqual([{ by: 1 }, { by: 2 }, { by: 3 }]);
    expect(byOf(await store.read(b, parseCounterEvent))).toEqual([{ by: 10 }, { by: 20 }, { by: 30 }]);
  });

  it.each([
    '19:d441d38c655c47a085215b2726e76927@thread.tacv2;messageid=1771290107407',
    'a:1rLdrbRhx8Pc7Y6HNUmkI6QHZ4vUe1dECseFMsjCLUs61NUCtDKvf_iXhzX96AJlIFs7WgQUzTrjV3iMjbON0UfMV_gNh2tUNgHj_iY5hQoYdFu_t-hTt-uDl7m6_X4-Z',
  ])('stores the aggregate %s under its subject token', async (id) => {
    const subject = `test.conversation.${subjectToken(id)}`;
    await store.append(subject, [incremented(4)], { expectedLastSequence: 0 });
    expect(byOf(await store.read(subject, parseCounterEvent))).toEqual([{ by: 4 }]);
  });

  it('reads a long aggregate whole, in order', async () => {
    const subject = newCounter();
    let lastSequence = 0;
    for (let by = 1; by <= 300; by += 1) {
      lastSequence = (await store.append(subject, [incremented(by)], { expectedLastSequence: lastSequence })).lastSequence;
    }
    const read = await store.read(subject, parseCounterEvent);
    expect(byOf(read)).toEqual(Array.from({ length: 300 }, (_, i) => ({ by: i + 1 })));
    expect(read.lastSequence).toBe(lastSequence);
  });

  it('leaves no consumer behind', async () => {
    const subject = newCounter();
    await store.append(subject, [incremented(1)], { expectedLastSequence: 0 });
    await Promise.all([store.read(subject, parseCounterEvent), store.read(newCounter(), parseCounterEvent)]);
    const jsm = await jetstreamManager(connection);
    await eventually(async () => ((await jsm.streams.info(STREAM)).state.consumer_count === 0 ? true : undefined), 2_000, 'no consumer');
  });

  it('finds the stream from the subject when it is not given', async () => {
    const subject = newCounter();
    const finding = new EventStore(bus);
    await finding.append(subject, [incremented(7)], { expectedLastSequence: 0 });
    expect(byOf(await finding.read(subject, parseCounterEvent))).toEqual([{ by: 7 }]);
    await expect(finding.read('elsewhere.counter.c1', parseCounterEvent)).rejects.toThrow(/no stream matches/);
  });

  it('rejects an event its parser refuses', async () => {
    const subject = newCounter();
    await store.append(subject, [incremented(1)], { expectedLastSequence: 0 });
    await expect(store.read(subject, () => { throw new Error('refused'); })).rejects.toThrow('refused');
  });
});
