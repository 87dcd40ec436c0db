import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@herald/testing';
import { Migration } from '@mikro-orm/migrations';
import { openDatabase, type Database } from './open-database.js';
import { applyOnce, checkpointOf } from './projection-runner.js';

class CreateCounters extends Migration {
  override up(): void {
    this.addSql('create table counters (name text primary key, value integer not null)');
  }
}

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;
const open = () =>
  openDatabase({ url: testDb.url, schema: 'svc', entities: [], migrations: [{ name: '0001_counters', class: CreateCounters }], applicationName: 'test' });

const increment = (sequence: number) =>
  applyOnce(database, { projection: 'counters', sequence }, async (em) => {
    await em.execute(`insert into svc.counters values ('events', 1) on conflict (name) do update set value = svc.counters.value + 1`);
  });

const counter = async () =>
  Number((await database.em.fork().execute<{ value: number }[]>(`select value from svc.counters where name = 'events'`))[0]?.value ?? 0);

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await open();
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

describe('openDatabase', () => {
  it("creates the service's schema and runs its migrations once, however often it starts", async () => {
    const again = await open();
    await again.close();
    const applied = await database.em.fork().execute<{ name: string }[]>('select name from svc.mikro_orm_migrations order by id');
    expect(applied.map((m) => m.name)).toEqual(['0000_projection_checkpoints', '0001_counters']);
  });
});

describe('applyOnce', () => {
  it('applies an event and stores its stream sequence as the checkpoint', async () => {
    expect(await increment(1)).toBe('applied');
    expect(await counter()).toBe(1);
    expect(await checkpointOf(database, 'counters')).toBe(1);
  });

  it('skips a redelivered event: the projection changes only once', async () => {
    expect(await increment(2)).toBe('applied');
    expect(await increment(2)).toBe('skipped');
    expect(await increment(1)).toBe('skipped');
    expect(await counter()).toBe(2);
  });

  it('keeps neither the change nor the checkpoint when applying fails', async () => {
    await expect(
      applyOnce(database, { projection: 'counters', sequence: 3 }, async (em) => {
        await em.execute(`update svc.counters set value = 100`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await counter()).toBe(2);
    expect(await checkpointOf(database, 'counters')).toBe(2);
  });
});
