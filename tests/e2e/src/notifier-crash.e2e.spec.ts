import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, deriveId, metadataFor, SUBJECTS } from '@herald/contracts';
import { connectToNats, MessageBus } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { eventually, NATS_URL } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

const API_KEY = 'crash-key';
const RECIPIENTS = 2_000;
const TENANT = '7d1f6a80-2b0c-4f3e-9c55-1a2b3c4d5e6f';
const NOTIFIER_MAIN = fileURLToPath(new URL('../../../services/notifier/dist/main.js', import.meta.url));
let herald: Herald;
let db: pg.Client;
let notifier: ChildProcess | undefined;

/** The notifier as its own process (what `kill -9` can hit), with this test's bus and database. */
function startNotifier(): ChildProcess {
  const child = spawn(process.execPath, [NOTIFIER_MAIN], {
    env: { ...process.env, ...herald.env, HERALD_API_KEYS: API_KEY, PORT: '0', LOG_LEVEL: 'warn', NATS_ACK_WAIT_SECONDS: '3', TEAMS_TENANT_RATE_PER_SECOND: '150', BOT_CONNECTOR_TIMEOUT_SECONDS: '5' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY }, notifier: false });
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  const connection = await connectToNats({ url: NATS_URL, name: 'crash-setup', logger: createLogger({ service: 'test', level: 'silent' }) });
  const bus = new MessageBus(connection, busNames(herald.prefix));
  for (let start = 0; start < RECIPIENTS; start += 500) {
    await Promise.all(Array.from({ length: Math.min(500, RECIPIENTS - start) }, (_, i) => `a:crash-${start + i}`).map((conversationId) =>
      bus.publish(SUBJECTS.conversation(Buffer.from(conversationId).toString('base64url')), {
        type: 'ConversationInstalled',
        data: { conversationId, kind: 'personal', tenantId: TENANT, serviceUrl: herald.sim.serviceUrl, user: { id: `29:${conversationId}` }, via: 'inferred', upgrade: false, installedAt: new Date().toISOString() },
        metadata: metadataFor({ id: deriveId('crash-install', conversationId), occurredAt: new Date() }),
      }),
    ));
  }
  await connection.close();
  notifier = startNotifier();
  await eventually(async () => Number((await db.query('select count(*) from notifier.known_conversations').catch(() => ({ rows: [{ count: 0 }] }))).rows[0].count) === RECIPIENTS || undefined, 30_000, 'directory ready');
}, 60_000);

afterAll(async () => {
  notifier?.kill('SIGKILL');
  await db?.end();
  await herald?.close();
});

describe('kill -9 of the notifier in the middle of a broadcast', () => {
  it('every recipient still ends in one bucket, counts add up, and only recipients recorded Unknown could get it twice', async () => {
    const marker = `Crash test ${herald.prefix}`;
    const created = await request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send({ recipients: [{ allUsers: true, tenantId: TENANT }], text: marker });
    expect(created.status).toBe(202);
    const id = created.body.id as string;
    await herald.sim.waitForConnectorCalls((c) => JSON.stringify(c.body).includes(marker), 600, 30_000);
    notifier!.kill('SIGKILL');
    await new Promise((resolve) => notifier!.once('exit', resolve));
    const sentBeforeCrash = herald.sim.connectorCalls.filter((c) => JSON.stringify(c.body).includes(marker)).length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    notifier = startNotifier();

    const status = await eventually(async () => {
      const response = await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${API_KEY}`);
      return response.body?.state === 'completed' ? (response.body as { total: number; pending: number; buckets: Record<string, number> }) : undefined;
    }, 90_000, 'broadcast completed after the restart');
    expect(sentBeforeCrash).toBeLessThan(RECIPIENTS);
    expect(status.total).toBe(RECIPIENTS);
    expect(status.pending).toBe(0);
    expect(Object.values(status.buckets).reduce((sum, n) => sum + n, 0)).toBe(RECIPIENTS);

    const { rows } = await db.query('select recipient_key, bucket from notifier.notification_recipients where notification_id = $1', [id]);
    expect(rows).toHaveLength(RECIPIENTS);
    const unknown = new Set(rows.filter((row) => row.bucket === 'Unknown').map((row) => row.recipient_key as string));
    const copies = new Map<string, number>();
    for (const call of herald.sim.connectorCalls) {
      if (call.status < 300 && JSON.stringify(call.body).includes(marker)) copies.set(call.conversationId!, (copies.get(call.conversationId!) ?? 0) + 1);
    }
    const twice = [...copies].filter(([, n]) => n > 1).map(([conversationId]) => conversationId);
    if (process.env['HERALD_TEST_REPORT']) process.stdout.write(`crash test: ${sentBeforeCrash} sent before kill -9, buckets ${JSON.stringify(status.buckets)}, sent twice: ${twice.length}\n`);
    expect(twice.filter((conversationId) => !unknown.has(conversationId)), 'sent twice without being recorded Unknown').toEqual([]);
    expect(unknown.size, 'at most the in-flight window').toBeLessThanOrEqual(64);
    expect(status.buckets['Delivered']! + unknown.size).toBe(RECIPIENTS);
  }, 150_000);
});
