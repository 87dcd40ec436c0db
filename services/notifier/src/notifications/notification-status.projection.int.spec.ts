import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metadataFor, type NotificationEvent, type RecipientHeld, type RecipientSettled } from '@herald/contracts';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { createTestDatabase } from '@herald/testing';
import { NOTIFIER_MIGRATIONS } from '../migrations/notifier.migrations.js';
import { notificationStatusProjection } from './notification-status.projection.js';

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: MikroORM;
let sequence = 0;
const projection = notificationStatusProjection('UNUSED');
const metadata = () => metadataFor({ occurredAt: new Date() });
const apply = (...events: NotificationEvent[]) => database.em.fork().transactional((em) => projection.apply(em, events.map((event) => ({ sequence: ++sequence, subject: 'x', event }))));
const held = (recipientKey: string, bucket: RecipientHeld['data']['bucket'] = 'Held'): RecipientHeld => ({
  type: 'RecipientHeld',
  data: { notificationId: 'n-1', recipientKey, bucket, code: bucket === 'Held' ? 'quietHours' : 'hourly', until: '2026-01-16T06:00:00.000Z' },
  metadata: metadata(),
});
const settled = (recipientKey: string, bucket: RecipientSettled['data']['bucket'] = 'Delivered'): RecipientSettled => ({ type: 'RecipientSettled', data: { notificationId: 'n-1', recipientKey, bucket, attempts: 1 }, metadata: metadata() });

async function counts() {
  const [row] = await database.em.fork().execute<Record<string, unknown>[]>('select state, total, delivered, failed, skipped, held, digested from notification_status where notification_id = ?', ['n-1']);
  return row;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ url: testDb.url, schema: 'notifier', entities: [], migrations: NOTIFIER_MIGRATIONS, applicationName: 'status-test' });
  await apply(
    { type: 'NotificationRequested', data: { notificationId: 'n-1', caller: 'key-1', recipients: [{ userId: '29:a' }], content: { text: 'hi' }, requestedAt: new Date().toISOString() }, metadata: metadata() },
    { type: 'NotificationResolved', data: { notificationId: 'n-1', total: 3 }, metadata: metadata() },
  );
});

afterAll(async () => {
  await database?.close();
  await testDb?.drop();
});

describe('notification status with waiting recipients', () => {
  it('counts a held recipient once, however often its hold is announced, and moves it when it settles', async () => {
    await apply(held('a'), held('a'), held('b', 'Digested'));
    expect(await counts()).toMatchObject({ state: 'sending', held: 1, digested: 1, delivered: 0 });
    await apply(settled('a'), held('a'));
    expect(await counts()).toMatchObject({ state: 'sending', held: 0, digested: 1, delivered: 1 });
  });

  it('completes once every recipient settled, a digested one included; a repeated settle changes nothing', async () => {
    await apply(settled('b', 'Failed'), settled('c', 'Skipped'), settled('b'), settled('a', 'Failed'));
    expect(await counts()).toMatchObject({ state: 'completed', total: 3, held: 0, digested: 0, delivered: 1, failed: 1, skipped: 1 });
    const history = await database.em.fork().execute<{ recipient_key: string; status: string }[]>("select recipient_key, status from notification_recipient_history where notification_id = 'n-1' order by at, recipient_key, status");
    expect(history.filter((entry) => entry.recipient_key === 'a').map((entry) => entry.status)).toEqual(['Held', 'Delivered']);
  });
});
