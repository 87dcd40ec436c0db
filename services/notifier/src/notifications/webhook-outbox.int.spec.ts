import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase } from '@herald/testing';
import { CallbackClient } from '../callbacks/callback.client.js';
import { NOTIFIER_MIGRATIONS } from '../migrations/notifier.migrations.js';
import { WebhookOutbox } from './webhook-outbox.js';

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: MikroORM;
let server: Server;
let url: string;
let received = 0;

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ url: testDb.url, schema: 'notifier', entities: [], migrations: NOTIFIER_MIGRATIONS, applicationName: 'outbox-test' });
  server = createServer((request, response) => {
    received += 1;
    request.resume();
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`;
});

afterAll(async () => {
  server?.close();
  await database?.close();
  await testDb?.drop();
});

async function queueWebhook(id: string): Promise<void> {
  const em = database.em.fork();
  await em.execute(`insert into notification_status (notification_id, caller, state, requested_at, callback_url, total) values (?, 'key-1', 'completed', now(), ?, 0)`, [id, url]);
  await em.execute(`insert into webhook_outbox (id, notification_id, kind) values (?, ?, 'notification.completed')`, [`${id}:completed`, id]);
}

describe('WebhookOutbox', () => {
  it('started twice (the HTTP app and the microservice both bootstrap it) and shut down once, it sends nothing more and holds no timer', async () => {
    const outbox = new WebhookOutbox(database, { 'key-1': 'secret' }, new CallbackClient({ allowedHosts: [], allowedCidrs: [], allowLoopback: true }), createLogger({ service: 'test', level: 'silent' }), 50);
    outbox.onApplicationBootstrap();
    outbox.onApplicationBootstrap();
    await queueWebhook('n-1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received).toBe(1);
    await outbox.beforeApplicationShutdown();
    await queueWebhook('n-2');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received, 'nothing sent after shutdown').toBe(1);
  });
});
