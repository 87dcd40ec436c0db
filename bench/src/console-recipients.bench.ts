import { randomUUID } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';
import pg from 'pg';
import type { INestApplication } from '@nestjs/common';
import { DEV_APP_ID, DEV_APP_SECRET, parseConfig } from '@herald/config';
import { busNames, consoleDraftSchema, metadataFor, SUBJECTS } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { createNotifierApp } from '@herald/notifier/app';
import { notifierConfigSchema } from '@herald/notifier/config';
import { startTeamsSim } from '@herald/teams-sim';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { percentile } from './stats.js';

const RECIPIENTS = 100_000;
const FAILED_EVERY = 100;
const MEGAN = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';
const MESSAGE = randomUUID();
const NOTIFICATION = `console-${MESSAGE}`;
const logger = createLogger({ service: 'bench', level: 'silent' });

/**
 * `bench/console-recipients`: a console message whose notification has 100,000 recipients (1 in
 * 100 Failed), read through the gateway as the console does — every page of 500, the Failed ones
 * by bucket filter, and the whole CSV download — with the gateway's heap watched during the CSV.
 */
export async function consoleRecipients(): Promise<void> {
  const prefix = uniquePrefix('console');
  const database = await createTestDatabase('herald_bench');
  const sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, entraHttps: {} });
  trust(sim.caCertificate!);
  const env = { HERALD_BUS_PREFIX: prefix, DATABASE_URL: database.url, TEAMS_SIM_URL: sim.url, TEAMS_SIM_ENTRA_URL: sim.entraHttpsUrl!, HERALD_API_TENANT_ID: sim.tenantId, PORT: '0', LOG_LEVEL: 'silent', HERALD_AUTHORS: 'meganb@contoso.example' };
  const connection = await connectToNats({ url: NATS_URL, name: 'bench', logger });
  const apps: INestApplication[] = [];
  const db = new pg.Client({ connectionString: database.url });
  try {
    await provisionTopology(connection, { streams: heraldStreams(busNames(prefix)), consumers: [] });
    const gateway = await createGatewayApp(parseConfig(gatewayConfigSchema, env), logger);
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    apps.push(gateway, await createNotifierApp(parseConfig(notifierConfigSchema, env), logger));
    await db.connect();
    await seed(db, new MessageBus(connection, busNames(prefix)), sim.tenantId);
    const base = `${await gateway.getUrl()}/api/v1/console/messages/${MESSAGE}`;
    const headers = { authorization: `Bearer ${await sim.mintUserSsoToken({ aadObjectId: MEGAN })}` };
    await walk(`${base}/recipients?limit=500`, headers, 'every recipient');
    await walk(`${base}/recipients?limit=500&bucket=Failed`, headers, 'the Failed ones');
    await download(`${base}/recipients.csv`, headers);
  } finally {
    for (const app of apps) await app.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    await connection.close();
    await sim.close();
    await deleteStreams(prefix);
    await database.drop();
  }
}

async function seed(db: pg.Client, bus: MessageBus, tenantId: string): Promise<void> {
  const author = { aadObjectId: MEGAN, tenantId, upn: 'MeganB@contoso.example' };
  const at = new Date().toISOString();
  const subject = SUBJECTS.consoleMessage(subjectToken(MESSAGE));
  await bus.publish(subject, { type: 'MessageDrafted', data: { messageId: MESSAGE, author, draft: consoleDraftSchema.parse({ title: 'Everyone, 100k' }), draftedAt: at }, metadata: metadataFor({ occurredAt: new Date() }) });
  await bus.publish(subject, { type: 'MessageSent', data: { messageId: MESSAGE, author, notificationId: NOTIFICATION, send: {}, sentAt: at }, metadata: metadataFor({ occurredAt: new Date() }) });
  await db.query(`insert into notifier.notification_status (notification_id, caller, state, total, delivered, failed, requested_at) values ($4, 'console', 'completed', $1, $2, $3, now())`, [RECIPIENTS, RECIPIENTS - RECIPIENTS / FAILED_EVERY, RECIPIENTS / FAILED_EVERY, NOTIFICATION]);
  await db.query(
    `insert into notifier.notification_recipients (notification_id, recipient_key, bucket, code, conversation_id, activity_id, attempts, settled_at)
     select $3, 'a:' || lpad(n::text, 6, '0'), case when n % $2 = 0 then 'Failed' else 'Delivered' end,
       case when n % $2 = 0 then 'ConversationNotFound' end, 'a:' || lpad(n::text, 6, '0'), 'act-' || n, 1, now()
     from generate_series(1, $1) as n`,
    [RECIPIENTS, FAILED_EVERY, NOTIFICATION],
  );
  await db.query('analyze notifier.notification_recipients');
}

/** Every page of `url`, following `next`: how long each took and in all. */
async function walk(url: string, headers: Record<string, string>, what: string): Promise<void> {
  const times: number[] = [];
  let rows = 0;
  let after: string | null = null;
  const started = performance.now();
  do {
    const page = performance.now();
    const response = await fetch(`${url}${after ? `&after=${encodeURIComponent(after)}` : ''}`, { headers });
    const body = (await response.json()) as { recipients: unknown[]; next: string | null };
    times.push(performance.now() - page);
    rows += body.recipients.length;
    after = body.next;
  } while (after);
  const seconds = (performance.now() - started) / 1_000;
  const last = times.at(-1)!;
  times.sort((a, b) => a - b);
  process.stdout.write(`${what}: ${rows} rows in ${times.length} pages, ${seconds.toFixed(2)} s; per page p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, last ${last.toFixed(0)} ms\n`);
}

/** The CSV, read as it streams; the heap of this process (gateway and notifier included) sampled meanwhile. */
async function download(url: string, headers: Record<string, string>): Promise<void> {
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampler = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 20);
  const started = performance.now();
  const response = await fetch(url, { headers });
  let bytes = 0;
  let lines = 0;
  let first = 0;
  for await (const chunk of response.body!) {
    first ||= performance.now() - started;
    bytes += (chunk as Uint8Array).length;
    for (const byte of chunk as Uint8Array) if (byte === 10) lines += 1;
  }
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1_000;
  const mb = (n: number) => (n / 1_048_576).toFixed(1);
  process.stdout.write(`CSV: ${lines - 1} rows (${mb(bytes)} MB) in ${seconds.toFixed(2)} s, first bytes after ${first.toFixed(0)} ms; heap ${mb(heapBefore)} MB before, at most ${mb(heapPeak)} MB during (${lines - 1 === RECIPIENTS ? 'every recipient' : 'ROWS MISSING'})\n`);
}

function trust(pem: string): void {
  const current = https.globalAgent.options.ca;
  const cas = Array.isArray(current) ? current : current ? [current] : [...tls.rootCertificates];
  https.globalAgent.options.ca = [...cas, pem];
}
