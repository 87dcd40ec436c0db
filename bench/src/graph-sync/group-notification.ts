import type { INestApplication } from '@nestjs/common';
import { DEV_APP_ID, DEV_APP_SECRET, parseConfig } from '@herald/config';
import { busNames, deriveId, metadataFor, SUBJECTS, type ConversationInstalled } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { createGraphSyncApp } from '@herald/graph-sync/app';
import { graphSyncConfigSchema } from '@herald/graph-sync/config';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { createNotifierApp } from '@herald/notifier/app';
import { notifierConfigSchema } from '@herald/notifier/config';
import { createRouterApp } from '@herald/router/app';
import { routerConfigSchema } from '@herald/router/config';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { createLogger } from '@herald/telemetry';
import { busiestWindow, createTestDatabase, deleteStreams, freePort, NATS_URL, uniquePrefix } from '@herald/testing';
import pg from 'pg';
import { notificationStatus, sendNotification, waitFor, type NotificationStatus } from '../notification-status.js';

const MEMBERS = 4_900;
const GUESTS = 100;
/** Members who had the app before: Herald knows their chats. The other 3,900 and the guests never installed it. */
const INSTALLED = 1_000;
const CEILING_PER_SECOND = 30;
const API_KEY = 'bench-key';
const logger = createLogger({ service: 'bench', level: 'silent' });

/**
 * (c) Issue 12's acceptance at full size, through the whole of Herald: one notification to a
 * 5,000-member group of which 4,000 never installed the app (100 of them guests). graph-sync
 * installs it for the 3,900 members within the governor, Teams announces every other install
 * with a conversationUpdate, and every member must end Delivered, once, guests Skipped(guest).
 */
export async function groupNotification(): Promise<void> {
  const prefix = uniquePrefix('bgroup');
  const database = await createTestDatabase('herald_bench');
  const gatewayPort = await freePort();
  const sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, installEvents: 'sometimes', botEndpoint: `http://127.0.0.1:${gatewayPort}/api/messages` });
  const env = { HERALD_BUS_PREFIX: prefix, DATABASE_URL: database.url, TEAMS_SIM_URL: sim.url, TEAMS_APP_CATALOG_ID: sim.teamsAppId, PORT: '0', LOG_LEVEL: 'silent', HERALD_API_KEYS: API_KEY, GRAPH_SYNC_INTERVAL_SECONDS: '86400' };
  const connection = await connectToNats({ url: NATS_URL, name: 'bench-group', logger });
  const apps: INestApplication[] = [];
  const db = new pg.Client({ connectionString: database.url });
  try {
    await provisionTopology(connection, { streams: heraldStreams(busNames(prefix)), consumers: [] });
    const gateway = await createGatewayApp(parseConfig(gatewayConfigSchema, env), logger);
    await gateway.listen({ port: gatewayPort, host: '127.0.0.1' });
    apps.push(gateway, await createRouterApp(parseConfig(routerConfigSchema, env), logger), await createNotifierApp(parseConfig(notifierConfigSchema, env), logger));
    apps.push(await createGraphSyncApp(parseConfig(graphSyncConfigSchema, env), logger));
    await db.connect();

    const users = sim.seedDirectory({ users: MEMBERS, guests: GUESTS });
    await installEarlier(new MessageBus(connection, busNames(prefix)), sim, users.slice(0, INSTALLED).map((user) => user.id));
    await waitFor(async () => Number((await db.query<{ count: string }>('select count(*) from notifier.known_conversations')).rows[0]?.count) >= INSTALLED, 'known chats');
    const group = sim.createGroup({ displayName: 'Everyone', memberIds: users.map((user) => user.id) });

    const gatewayUrl = await gateway.getUrl();
    const marker = `Group ${prefix}`;
    const started = Date.now();
    const id = await sendNotification(gatewayUrl, API_KEY, { recipients: [{ groupId: group.id, tenantId: sim.tenantId }], text: marker });
    await waitFor(async () => (await notificationStatus(gatewayUrl, API_KEY, id)).state === 'completed', 'notification completed', 20 * 60_000);
    report(sim, marker, started, await notificationStatus(gatewayUrl, API_KEY, id));
  } finally {
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await db.end().catch(() => undefined);
    await connection.close();
    await sim.close();
    await deleteStreams(prefix);
    await database.drop();
  }
}

/** The first 1,000 members had the app already: installed in Graph, their chats recorded as the router records them. */
async function installEarlier(bus: MessageBus, sim: TeamsSim, userIds: readonly string[]): Promise<void> {
  for (let start = 0; start < userIds.length; start += 250) {
    await Promise.all(
      userIds.slice(start, start + 250).map((userId) => {
        const { chatId } = sim.installApp(userId)!;
        return bus.publish(SUBJECTS.conversation(subjectToken(chatId)), installed(chatId, userId, sim));
      }),
    );
  }
}

function installed(conversationId: string, userId: string, sim: TeamsSim): ConversationInstalled {
  return {
    type: 'ConversationInstalled',
    data: { conversationId, kind: 'personal', tenantId: sim.tenantId, serviceUrl: sim.serviceUrl, botId: `28:${DEV_APP_ID}`, user: { id: `29:${userId}`, aadObjectId: userId }, via: 'inferred', upgrade: false, installedAt: new Date().toISOString() },
    metadata: metadataFor({ id: deriveId('bench-install', conversationId), occurredAt: new Date() }),
  };
}


function report(sim: TeamsSim, marker: string, started: number, final: NotificationStatus): void {
  const delivered = sim.connectorCalls.filter((call) => call.method === 'POST' && call.status < 300 && (call.body as { text?: string }).text === marker);
  const perChat = new Map<string, number>();
  for (const call of delivered) perChat.set(call.conversationId!, (perChat.get(call.conversationId!) ?? 0) + 1);
  const twice = [...perChat.values()].filter((count) => count > 1).length;
  const installs = sim.installs.filter((install) => install.status === 201);
  const times = installs.map((install) => install.at).sort((a, b) => a - b);
  const perSecond = times.length > 1 ? ((times.length - 1) * 1_000) / (times.at(-1)! - times[0]!) : 0;
  const announced = installs.filter((install) => install.conversationUpdate).length;
  const expected = { Delivered: MEMBERS, Skipped: GUESTS };
  const met = final.buckets['Delivered'] === expected.Delivered && final.buckets['Skipped'] === expected.Skipped && perChat.size === MEMBERS && twice === 0;
  process.stdout.write(
    [
      `group notification: ${MEMBERS + GUESTS} members (${GUESTS} guests), ${INSTALLED} with the app before; accepted → completed in ${((Date.now() - started) / 1_000).toFixed(1)} s`,
      `  buckets: ${JSON.stringify(final.buckets)} of ${final.total} (expected Delivered ${expected.Delivered}, Skipped(guest) ${expected.Skipped}: ${met ? 'MET' : 'MISSED'})`,
      `  chats delivered to: ${perChat.size}, delivered twice: ${twice}`,
      `  installs: ${installs.length} (${announced} announced by a conversationUpdate) at ${perSecond.toFixed(1)}/s = ${((100 * perSecond) / CEILING_PER_SECOND).toFixed(1)} % of ${CEILING_PER_SECOND}/s; most in any 1-second window: ${busiestWindow(times, 1_000)} (must be ≤ ${CEILING_PER_SECOND}: ${busiestWindow(times, 1_000) <= CEILING_PER_SECOND ? 'MET' : 'MISSED'})`,
    ].join('\n') + '\n',
  );
}
