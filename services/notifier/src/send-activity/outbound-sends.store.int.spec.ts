import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { createTestDatabase } from '@herald/testing';
import { NOTIFIER_MIGRATIONS } from '../migrations/notifier.migrations.js';
import { OutboundSend } from './outbound-send.entity.js';
import { OutboundSendsStore } from './outbound-sends.store.js';

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: MikroORM;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ url: testDb.url, schema: 'notifier', entities: [OutboundSend], migrations: NOTIFIER_MIGRATIONS, applicationName: 'sends-test' });
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

describe('OutboundSendsStore.claim', () => {
  it('two copies of one new command claiming at once: one sends, the other finds it in flight — neither fails', async () => {
    const sends = new OutboundSendsStore(database, { connectorTimeoutMs: 15_000 });
    for (let n = 0; n < 25; n++) {
      const claims = await Promise.all([sends.claim(`race-${n}`, 'a:1', new Date()), sends.claim(`race-${n}`, 'a:1', new Date())]);
      expect(claims.map((claim) => claim.kind).sort()).toEqual(['interrupted', 'send']);
    }
  });

  it('holds a claim for the call and for writing its outcome down before calling it interrupted', () => {
    const sends = new OutboundSendsStore(database, { connectorTimeoutMs: 15_000 });
    const record = { updatedAt: new Date(0) } as Parameters<OutboundSendsStore['stillHeldFor']>[0];
    expect(sends.stillHeldFor(record, new Date(45_000)), 'the outcome may still be being written').toBeGreaterThan(0);
    expect(sends.stillHeldFor(record, new Date(51_000))).toBe(0);
  });
});
