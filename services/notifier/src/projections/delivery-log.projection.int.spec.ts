import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadataFor, type DeliveryEvent } from '@herald/contracts';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { createTestDatabase } from '@herald/testing';
import { NOTIFIER_MIGRATIONS } from '../migrations/notifier.migrations.js';
import { deliveryLogProjection } from './delivery-log.projection.js';

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: MikroORM;
const target = { commandId: 'cmd-1', serviceUrl: 'https://smba.trafficmanager.net/emea/', conversationId: 'a:1' };
const at = (sequence: number, event: DeliveryEvent) => ({ sequence, subject: 'notifier.delivery.x', event });

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ url: testDb.url, schema: 'notifier', entities: [], migrations: NOTIFIER_MIGRATIONS, applicationName: 'delivery-log-test' });
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

describe('delivery_log', () => {
  it('keeps the first final outcome: an Unknown published later for the same command does not replace Delivered', async () => {
    const projection = deliveryLogProjection('UNUSED');
    await database.em.fork().transactional((em) =>
      projection.apply(em, [
        at(1, { type: 'DeliverySucceeded', data: { ...target, activityId: 'act-1', attempts: 1 }, metadata: metadataFor({ occurredAt: new Date() }) }),
        at(2, { type: 'DeliveryFailed', data: { ...target, outcome: 'Unknown', code: 'InterruptedInFlight', attempts: 1 }, metadata: metadataFor({ occurredAt: new Date() }) }),
      ]),
    );
    const rows = await database.em.fork().execute<{ outcome: string; activity_id: string }[]>('select outcome, activity_id from delivery_log where command_id = ?', ['cmd-1']);
    expect(rows).toEqual([{ outcome: 'Delivered', activity_id: 'act-1' }]);
  });
});
