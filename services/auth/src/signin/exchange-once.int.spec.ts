import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames } from '@herald/contracts';
import { EventStore } from '@herald/event-sourcing';
import { connectToNats, heraldStreams, MessageBus, provisionTopology, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { ExchangeOnce } from './exchange-once.js';

const prefix = uniquePrefix('xo');
let connection: NatsConnection;
let events: EventStore;
let n = 0;

beforeAll(async () => {
  connection = await connectToNats({ url: NATS_URL, name: 'exchange-once', logger: createLogger({ service: 'test', level: 'silent' }) });
  const names = busNames(prefix);
  await provisionTopology(connection, { streams: heraldStreams(names).filter((stream) => stream.name.endsWith('TOKEN_EXCHANGES')), consumers: [] });
  events = new EventStore(new MessageBus(connection, names), { stream: names.stream('tokenExchanges').name });
});

afterAll(async () => {
  await connection?.close();
  await deleteStreams(prefix);
});

const exchange = () => ({ id: `exchange-${++n}`, teamsUserId: '29:megan' });
const refused = () => ({ status: 412 });

describe('ExchangeOnce (one SSO exchange across replicas, on real JetStream)', () => {
  it('runs the exchange once for three copies at once; the copies give its answer', async () => {
    const replicas = [new ExchangeOnce(events), new ExchangeOnce(events), new ExchangeOnce(events)];
    const one = exchange();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { status: 200, body: { id: one.id } };
    };
    const answers = await Promise.all(replicas.map((replica) => replica.run(one, work, refused)));
    expect(runs).toBe(1);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
  });

  it('the same exchange id from another Teams user is an exchange of its own', async () => {
    const once = new ExchangeOnce(events);
    const one = exchange();
    let runs = 0;
    await once.run(one, async () => ((runs += 1), { status: 200 }), refused);
    await once.run({ ...one, teamsUserId: '29:someone-else' }, async () => ((runs += 1), { status: 412 }), refused);
    expect(runs).toBe(2);
  });

  it('a claim whose replica died (no answer within the lease) is taken over by a copy, which does the exchange', async () => {
    const one = exchange();
    const dying = new ExchangeOnce(events, { waitMs: 100, leaseMs: 500 });
    // The first replica claims, then never answers (it died mid-exchange).
    void dying.run(one, () => new Promise(() => undefined), refused);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const copy = new ExchangeOnce(events, { waitMs: 3_000, leaseMs: 500 });
    let runs = 0;
    const answer = await copy.run(one, async () => ((runs += 1), { status: 200 }), refused);
    expect(runs).toBe(1);
    expect(answer.status).toBe(200);
  });

  it('a copy whose first is still working within the lease gets `refused` when its wait ends', async () => {
    const one = exchange();
    void new ExchangeOnce(events).run(one, () => new Promise(() => undefined), refused);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const answer = await new ExchangeOnce(events, { waitMs: 400, leaseMs: 60_000 }).run(one, async () => ({ status: 200 }), refused);
    expect(answer.status).toBe(412);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});
