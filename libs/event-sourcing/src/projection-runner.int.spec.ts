import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jetstreamManager } from '@nats-io/jetstream';
import { busNames, deriveId, metadataFor, SUBJECTS } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, PoisonMessageError, provisionTopology, type NatsConnection } from '@herald/messaging';
import { checkpointOf, Migration, openDatabase, type EntityManager, type MikroORM } from '@herald/persistence';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, eventually, NATS_URL, uniquePrefix } from '@herald/testing';
import { ProjectionRunner, type Positioned, type Projection } from './projection-runner.js';

class CreateSeen extends Migration {
  override up(): void {
    // The primary key makes a second application of any event fail loudly.
    this.addSql('create table seen (n integer primary key, batch integer not null)');
  }
}

const prefix = uniquePrefix('proj');
const names = busNames(prefix);
const logger = createLogger({ service: 'test', level: 'silent' });
const SUBJECT = (n: number) => SUBJECTS.subscription(`p${n % 7}`);
type Numbered = { n: number };

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: MikroORM;
let connection: NatsConnection;
let bus: MessageBus;
let published = 0;
const runners: ProjectionRunner<Numbered>[] = [];

/** Projects `{ n }` messages into `seen`, one row per event; `fail(n)` decides which applications throw. */
function projection(name: string, fail: (n: number) => boolean | Error = () => false): Projection<Numbered> & { batches: number } {
  const self = {
    name,
    stream: names.stream('subscriptions').name,
    filter: SUBJECTS.subscriptions,
    batches: 0,
    parse: (body: unknown) => (body as { data: Numbered }).data,
    async apply(em: EntityManager, events: Positioned<Numbered>[]) {
      self.batches += 1;
      for (const { event } of events) {
        const failure = fail(event.n);
        if (failure) throw failure instanceof Error ? failure : new Error(`cannot apply ${event.n}`);
        await em.execute(`insert into ${name.replaceAll('-', '_')}.seen (n, batch) values (?, ?)`, [event.n, self.batches]);
      }
    },
  };
  return self;
}

async function publish(count: number): Promise<void> {
  const start = published;
  published += count;
  await Promise.all(Array.from({ length: count }, (_, i) => start + i + 1).map((n) =>
    bus.publish(SUBJECT(n), { type: 'Numbered', data: { n }, metadata: metadataFor({ id: deriveId('n', String(n)), occurredAt: new Date() }) }),
  ));
}

async function run(name: string, fail?: (n: number) => boolean | Error, options = {}) {
  const db = await openDatabase({ url: testDb.url, schema: name.replaceAll('-', '_'), entities: [], migrations: [{ name: '0001_seen', class: CreateSeen }], applicationName: name });
  const definition = projection(name.replaceAll('-', '_'), fail);
  const runner = new ProjectionRunner(bus, db, definition, logger, { retryDelayMs: 20, ...options });
  runners.push(runner);
  runner.start();
  return { db, definition, runner, seen: async () => (await db.em.fork().execute<{ n: number }[]>(`select n from ${name.replaceAll("-", "_")}.seen order by n`)).map((row) => row.n) };
}

const all = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ url: testDb.url, schema: 'unused', entities: [], migrations: [], applicationName: 'test' });
  connection = await connectToNats({ url: NATS_URL, name: 'projection-runner', logger });
  await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
  bus = new MessageBus(connection, names);
  await publish(2_000);
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

afterAll(async () => {
  await database?.close();
  await connection?.close();
  await deleteStreams(prefix);
  await testDb?.drop();
});

describe('ProjectionRunner', () => {
  it('applies every event once, in order, many per transaction, and follows new ones', async () => {
    const { db, definition, seen } = await run('batched');
    await eventually(async () => ((await checkpointOf(db, 'batched')) > 0 && (await seen()).length === 2_000) || undefined, 15_000, 'caught up');
    expect(await seen()).toEqual(all(1, 2_000));
    expect(definition.batches).toBeLessThan(40);
    await publish(5);
    await eventually(async () => ((await seen()).length === 2_005) || undefined, 5_000, 'followed');
    await db.close();
  });

  it('after a failed batch starts again from its checkpoint: nothing lost, nothing twice', async () => {
    let failures = 0;
    const { db, seen } = await run('flaky', (n) => n === 1_234 && failures++ < 2);
    await eventually(async () => ((await seen()).length === published) || undefined, 15_000, 'caught up');
    expect(await seen()).toEqual(all(1, published));
    expect(failures).toBe(3);
    await db.close();
  });

  it('never skips an event whose failure may pass (Postgres unreachable), however many attempts it takes', async () => {
    let failures = 0;
    const unreachable = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const { db, seen } = await run('outage', (n) => n === 55 && failures++ < 30 && unreachable(), { retryDelayMs: 5, maxRetryDelayMs: 20 });
    await eventually(async () => ((await seen()).length === published) || undefined, 20_000, 'caught up');
    expect(await seen()).toEqual(all(1, published));
    expect(failures).toBe(31);
    const jsm = await jetstreamManager(connection);
    expect(await jsm.streams.getMessage(names.stream('deadLetter').name, { last_by_subj: names.deadLetterSubject('outage') }).catch(() => null)).toBeNull();
    await db.close();
  });

  it('gives up on an event that can never be applied (invalid data): dead-lettered, skipped, the rest applied', async () => {
    const { db, seen } = await run('poison', (n) => n === 77 && new PoisonMessageError('cannot apply 77'));
    await eventually(async () => ((await seen()).length === published - 1) || undefined, 15_000, 'caught up');
    expect(await seen()).toEqual(all(1, published).filter((n) => n !== 77));
    const jsm = await jetstreamManager(connection);
    const dead = await jsm.streams.getMessage(names.stream('deadLetter').name, { last_by_subj: names.deadLetterSubject('poison') });
    expect(dead?.json<{ data: Numbered }>().data).toEqual({ n: 77 });
    expect(dead?.header.get('Herald-Dead-Letter-Error')).toBe('cannot apply 77');
    await db.close();
  });

  it('two replicas of one projection never apply an event twice', async () => {
    const first = await run('replicas');
    const second = await run('replicas');
    await eventually(async () => ((await first.seen()).length === published) || undefined, 15_000, 'caught up');
    await publish(300);
    await eventually(async () => ((await first.seen()).length === published) || undefined, 15_000, 'caught up again');
    expect(await first.seen()).toEqual(all(1, published));
    await first.db.close();
    await second.db.close();
  });

  it('keeps following when its consumer is deleted under it (a NATS restart loses memory consumers)', async () => {
    const { db, seen } = await run('orphaned');
    await eventually(async () => ((await seen()).length === published) || undefined, 15_000, 'caught up');
    const jsm = await jetstreamManager(connection);
    const stream = names.stream('subscriptions').name;
    for await (const consumer of jsm.consumers.list(stream)) await jsm.consumers.delete(stream, consumer.name);
    const deleted = Date.now();
    await publish(5);
    await eventually(async () => ((await seen()).length === published) || undefined, 15_000, 'followed again');
    const recovered = Date.now() - deleted;
    expect(await seen()).toEqual(all(1, published));
    expect(recovered).toBeLessThan(8_000);
    await db.close();
  });
});
