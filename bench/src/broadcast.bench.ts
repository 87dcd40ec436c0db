import type { INestApplication } from '@nestjs/common';
import { DEV_APP_ID, DEV_APP_SECRET, parseConfig } from '@herald/config';
import { busNames, deriveId, metadataFor, SUBJECTS, type ConversationInstalled } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { createNotifierApp } from '@herald/notifier/app';
import { notifierConfigSchema } from '@herald/notifier/config';
import { createRouterApp } from '@herald/router/app';
import { routerConfigSchema } from '@herald/router/config';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import pg from 'pg';
import { percentile } from './stats.js';
import { notificationStatus, sendNotification, waitFor, type NotificationStatus } from './notification-status.js';

const RECIPIENTS = Number(process.env['BENCH_RECIPIENTS'] ?? 10_000);
const LATENCY_MS = Number(process.env['BENCH_LATENCY_MS'] ?? 30);
const TENANT_RATE = 50;
const CHATTERS = 20;
/** One `help` a second among the 20 (each person every 20 s). */
const CHAT_INTERVAL_MS = Number(process.env['BENCH_CHAT_INTERVAL_MS'] ?? 1_000);
const API_KEY = 'bench-key';
const TENANT = '3f4d0c2e-7a55-4c1b-9a8e-0b5a6d2c1e90';
const logger = createLogger({ service: 'bench', level: 'silent' });

/**
 * `bench/broadcast`: teams-sim enforces Teams' limits (429 + Retry-After) with added latency;
 * 10,000 installed personal chats (and 20 more whose people keep asking for `help`, one
 * question a second); one `allUsers` notification. Run with one notifier replica, then with two.
 */
export async function broadcast(): Promise<void> {
  process.stdout.write(`${RECIPIENTS} recipients, Bot Connector latency ${LATENCY_MS} ms, allowed ${TENANT_RATE} msg/s per tenant\n`);
  for (const replicas of [1, 2]) await run(replicas);
}

async function run(replicas: number): Promise<void> {
  const prefix = uniquePrefix('bcast');
  const database = await createTestDatabase('herald_bench');
  const sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, tenantId: TENANT, connectorLimits: { enforce: true, latencyMs: LATENCY_MS } });
  const env = { HERALD_BUS_PREFIX: prefix, DATABASE_URL: database.url, TEAMS_SIM_URL: sim.url, PORT: '0', LOG_LEVEL: 'silent', HERALD_API_KEYS: API_KEY };
  const connection = await connectToNats({ url: NATS_URL, name: 'bench', logger });
  const apps: INestApplication[] = [];
  const db = new pg.Client({ connectionString: database.url });
  try {
    const names = busNames(prefix);
    await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
    const gateway = await createGatewayApp(parseConfig(gatewayConfigSchema, env), logger);
    await gateway.listen({ port: 0, host: '127.0.0.1' });
    apps.push(gateway, await createRouterApp(parseConfig(routerConfigSchema, env), logger));
    for (let i = 0; i < replicas; i++) apps.push(await createNotifierApp(parseConfig(notifierConfigSchema, env), logger));
    await db.connect();
    await installConversations(new MessageBus(connection, names), sim);
    await waitFor(async () => Number((await db.query<{ count: string }>('select count(*) from notifier.known_conversations')).rows[0]?.count) >= RECIPIENTS + CHATTERS, 'directory');

    const gatewayUrl = await gateway.getUrl();
    const marker = `Broadcast ${prefix}`;
    const chatter = startChatter(sim, gatewayUrl);
    const started = Date.now();
    const id = await sendNotification(gatewayUrl, API_KEY, { recipients: [{ allUsers: true, tenantId: TENANT }], text: marker });
    await waitFor(async () => (await notificationStatus(gatewayUrl, API_KEY, id)).state === 'completed', 'broadcast completed', 30 * 60_000);
    const replies = await chatter.stop();
    report(replicas, sim, marker, started, await notificationStatus(gatewayUrl, API_KEY, id), replies);
  } finally {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    await connection.close();
    await sim.close();
    await deleteStreams(prefix);
    await database.drop();
  }
}

/** 10,000 broadcast recipients and 20 chatters, installed as the router records it (inferred: no welcome cards). */
async function installConversations(bus: MessageBus, sim: TeamsSim): Promise<void> {
  const ids = [...Array.from({ length: RECIPIENTS }, (_, n) => `a:bench-${n}`), ...Array.from({ length: CHATTERS }, (_, n) => `a:chatter-${n}`)];
  for (let start = 0; start < ids.length; start += 500) {
    await Promise.all(ids.slice(start, start + 500).map((conversationId) => bus.publish(SUBJECTS.conversation(subjectToken(conversationId)), installed(conversationId, sim))));
  }
}

function installed(conversationId: string, sim: TeamsSim): ConversationInstalled {
  return {
    type: 'ConversationInstalled',
    data: { conversationId, kind: 'personal', tenantId: TENANT, serviceUrl: sim.serviceUrl, botId: `28:${DEV_APP_ID}`, user: { id: `29:${conversationId}` }, via: 'inferred', upgrade: false, installedAt: new Date().toISOString() },
    metadata: metadataFor({ id: deriveId('bench-install', conversationId), occurredAt: new Date() }),
  };
}

/** People asking `help` during the broadcast: their replies' latency, POST to the Bot Connector call. */
function startChatter(sim: TeamsSim, gatewayUrl: string) {
  const asked = new Map<string, number>();
  let n = 0;
  const timer = setInterval(() => {
    const id = `chat-${n}`;
    const conversationId = `a:chatter-${n++ % CHATTERS}`;
    const activity = {
      type: 'message', id, channelId: 'msteams', serviceUrl: sim.serviceUrl, text: 'help', timestamp: new Date().toISOString(),
      from: { id: `29:${conversationId}` }, recipient: { id: `28:${DEV_APP_ID}` }, conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    };
    asked.set(id, Date.now());
    void sim.postActivity(activity, { endpoint: `${gatewayUrl}/api/messages` });
  }, CHAT_INTERVAL_MS);
  return {
    async stop(): Promise<number[]> {
      clearInterval(timer);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      return sim.connectorCalls
        .filter((call) => call.operation === 'replyToActivity' && call.status < 300 && asked.has(call.activityId ?? ''))
        .map((call) => call.at.getTime() - asked.get(call.activityId!)!);
    },
  };
}


function report(replicas: number, sim: TeamsSim, marker: string, started: number, final: NotificationStatus, replies: number[]): void {
  const sends = sim.connectorCalls.filter((call) => call.operation === 'sendToConversation' && JSON.stringify(call.body).includes(marker));
  const delivered = sends.filter((call) => call.status < 300);
  const perConversation = new Map<string, number>();
  for (const call of delivered) perConversation.set(call.conversationId!, (perConversation.get(call.conversationId!) ?? 0) + 1);
  const duplicates = [...perConversation.values()].reduce((sum, count) => sum + count - 1, 0);
  const lost = RECIPIENTS + CHATTERS - perConversation.size;
  const times = delivered.map((call) => call.at.getTime()).sort((a, b) => a - b);
  const seconds = (times.at(-1)! - times[0]!) / 1_000;
  const rate = (delivered.length - 1) / seconds;
  const throttled = sends.filter((call) => call.status === 429).length;
  const interactive = sim.connectorCalls.filter((call) => call.operation === 'replyToActivity' && call.status < 300 && call.at.getTime() >= times[0]! && call.at.getTime() <= times.at(-1)!).length;
  const tenantRate = (delivered.length - 1 + interactive) / seconds;
  const sortedReplies = [...replies].sort((a, b) => a - b);
  process.stdout.write(
    [
      `## ${replicas} notifier replica${replicas > 1 ? 's' : ''}`,
      `broadcast ${rate.toFixed(1)} msg/s; with the ${interactive} interactive replies in that time the tenant got ${tenantRate.toFixed(1)} msg/s of ${TENANT_RATE} allowed = ${((100 * tenantRate) / TENANT_RATE).toFixed(1)} % (target ≥ 95 %; broadcast alone ${((100 * rate) / TENANT_RATE).toFixed(1)} %)`,
      `${delivered.length} delivered in ${seconds.toFixed(1)} s (accepted → completed ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `429s: ${throttled} of ${sends.length} sends = ${((100 * throttled) / Math.max(sends.length, 1)).toFixed(2)} % (target ≤ 1 %); all 429s in the run: ${sim.throttledCalls}`,
      `lost: ${lost}, duplicates: ${duplicates}; API status: total ${final.total}, ${JSON.stringify(final.buckets)}`,
      `interactive replies during the broadcast: ${replies.length}, p50 ${percentile(sortedReplies, 50)} ms, p99 ${percentile(sortedReplies, 99)} ms (target ≤ 1,000 ms)`,
    ].join('\n') + '\n',
  );
}
