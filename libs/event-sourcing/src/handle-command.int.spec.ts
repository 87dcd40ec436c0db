import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames } from '@herald/contracts';
import { MessageBus, provisionTopology, streamDefinition } from '@herald/messaging';
import { deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { ConcurrencyError } from './concurrency-error.js';
import { counterDecider, increment, parseCounterEvent, reset, type CounterCommand, type CounterEvent } from './counter.spec-helpers.js';
import { EventStore } from './event-store.js';
import { handleCommand, type AggregateStream, type EventStream } from './handle-command.js';
import { subjectToken } from './subject-token.js';

const prefix = uniquePrefix('hc');
const STREAM = `${prefix.toUpperCase()}_TEST`;

let connection: NatsConnection;
let store: EventStore;

type Counter = AggregateStream<CounterEvent>;
let counters = 0;
const newCounter = (): Counter => ({ subject: `test.counter.${subjectToken(`19:c${++counters}@thread.tacv2`)}`, parse: parseCounterEvent });
const handle = (stream: Counter, command: CounterCommand, via: EventStream = store) =>
  handleCommand(via, counterDecider, stream, command);
const storedOf = async (stream: Counter) =>
  (await store.read(stream.subject, stream.parse)).events.map(({ event }) => event);
const totalOf = async (stream: Counter) =>
  (await storedOf(stream)).reduce((state, event) => counterDecider.evolve(state, event), counterDecider.initialState()).total;

/** The store, with a second writer's command (through handleCommand too) landing between each of the first `times` reads and the append after it. */
function contended(stream: Counter, times: number, command = () => increment(1)): EventStream & { reads: number } {
  let interruptions = times;
  const wrapper = {
    reads: 0,
    append: store.append.bind(store),
    read: async <Event>(subject: string, parse: (raw: unknown) => Event) => {
      const read = await store.read(subject, parse);
      wrapper.reads += 1;
      if (interruptions-- > 0) await handle(stream, command());
      return read;
    },
  };
  return wrapper;
}

beforeAll(async () => {
  connection = await connect({ servers: NATS_URL, noAsyncTraces: true });
  await provisionTopology(connection, { streams: [streamDefinition({ name: STREAM, subjects: [`${prefix}.test.>`] })], consumers: [] });
  store = new EventStore(new MessageBus(connection, busNames(prefix)), { stream: STREAM });
});

afterAll(async () => {
  await connection?.close();
  await deleteStreams(prefix);
});

describe('handleCommand', () => {
  it('stores no event its own readers would refuse: the aggregate stays readable', async () => {
    const counter = newCounter();
    await handle(counter, increment(2));
    await expect(handle(counter, increment(1.5)), 'an Incremented by 1.5 breaks the event schema').rejects.toMatchObject({ name: 'ZodError' });
    expect(await totalOf(counter)).toBe(2);
  });

  it('decides on a new aggregate and appends what it decided', async () => {
    const counter = newCounter();
    const result = await handle(counter, increment(3));
    expect(result.events.map(({ type, data }) => ({ type, data }))).toEqual([{ type: 'Incremented', data: { by: 3 } }]);
    expect(await storedOf(counter)).toEqual(result.events);
    expect((await store.read(counter.subject, counter.parse)).lastSequence).toBe(result.nextExpectedSequence);
  });

  it('decides on the state folded from the stored events', async () => {
    const counter = newCounter();
    await handle(counter, increment(4));
    await handle(counter, increment(5));
    await expect(handle(counter, increment(2))).rejects.toThrow(/pass 10/);
    expect(await totalOf(counter)).toBe(9);
  });

  it('retries after a concurrent append, applying both commands once', async () => {
    const counter = newCounter();
    await handle(counter, increment(1));
    const racing = contended(counter, 1, () => increment(4));

    const result = await handle(counter, increment(5), racing);
    expect(racing.reads).toBe(2);
    expect((await storedOf(counter)).map(({ data }) => data)).toEqual([{ by: 1 }, { by: 4 }, { by: 5 }]);
    expect((await store.read(counter.subject, counter.parse)).lastSequence).toBe(result.nextExpectedSequence);
  });

  it('re-decides on the state the other writer left', async () => {
    const counter = newCounter();
    const racing = contended(counter, 1, () => increment(8));
    await expect(handle(counter, increment(5), racing)).rejects.toThrow(/pass 10/);
    expect(await totalOf(counter)).toBe(8);
  });

  it('gives up with ConcurrencyError after its retries', async () => {
    const counter = newCounter();
    const racing = contended(counter, 3);
    await expect(handleCommand(racing, counterDecider, { ...counter, retries: 2 }, increment(1))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(racing.reads).toBe(3);
    expect(await totalOf(counter)).toBe(3);
  });

  it('stores nothing twice when the same command is handled again', async () => {
    const counter = newCounter();
    const command = increment(2);
    const first = await handle(counter, command);
    const again = await handle(counter, structuredClone(command));

    expect(again.events).toEqual(first.events);
    expect(again.nextExpectedSequence).toBe(first.nextExpectedSequence);
    expect(await totalOf(counter)).toBe(2);
  });

  it('appends nothing when the decider decides nothing', async () => {
    const counter = newCounter();
    expect(await handle(counter, reset())).toEqual({ events: [], nextExpectedSequence: 0 });
    expect(await storedOf(counter)).toEqual([]);
  });

  it('serialises concurrent commands on one aggregate', async () => {
    const counter = newCounter();
    await Promise.all([1, 2, 3].map((by) => handle(counter, increment(by))));
    expect(await totalOf(counter)).toBe(6);
  });
});
