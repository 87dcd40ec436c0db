import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { createTestDatabase } from '@herald/testing';
import { GRAPH_SYNC_MIGRATIONS } from '../migrations/graph-sync.migrations.js';
import { DirectorySyncState } from './directory-sync-state.js';

let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
let database: MikroORM;

beforeAll(async () => {
  testDatabase = await createTestDatabase('graph_sync_lease');
  database = await openDatabase({ url: testDatabase.url, schema: 'graph_sync', entities: [], migrations: GRAPH_SYNC_MIGRATIONS, applicationName: 'graph-sync-lease-test' });
});

afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

const page = (link: string) => ({ position: { link, round: 1, full: true }, seen: [{ userId: 'u1', fingerprint: '{}' }], removed: [] });

describe('the per-tenant sync lease', () => {
  it('is held by one replica; a dead holder is taken over once its lease ran out, and its late checkpoint is refused', async () => {
    const first = new DirectorySyncState(database, 'replica-a', 1);
    const second = new DirectorySyncState(database, 'replica-b', 1);
    expect(await first.claim('tenant-1')).toEqual({ link: null, round: 1, full: true });
    expect(await second.claim('tenant-1')).toBeUndefined();
    expect(await first.commit('tenant-1', 1, page('next-1'))).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // replica-a stopped renewing (died): replica-b resumes from its checkpoint.
    expect(await second.claim('tenant-1')).toEqual({ link: 'next-1', round: 1, full: true });
    expect(await first.commit('tenant-1', 1, page('stale'))).toBe(false);
    expect(await second.commit('tenant-1', 1, page('next-2'))).toBe(true);
    expect(await first.claim('tenant-1')).toBeUndefined();

    await second.release('tenant-1');
    expect(await first.claim('tenant-1')).toEqual({ link: 'next-2', round: 1, full: true });
  });
});
