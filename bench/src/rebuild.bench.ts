import { parseConfig } from '@herald/config';
import { busNames, deriveId, metadataFor, SUBJECTS, type ConversationEvent } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { createRouterApp } from '@herald/router/app';
import { routerConfigSchema } from '@herald/router/config';
import { CONVERSATION_DIRECTORY_ENTITIES, rebuildConversationRefs } from '@herald/router/rebuild';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';

const CONVERSATIONS = 50_000;
const logger = createLogger({ service: 'bench', level: 'silent' });

/**
 * `npm run projections:rebuild -- conversation-refs` at scale: 100,000 conversation events
 * (50,000 installs, 50,000 serviceUrl moves), projected live by the router, then replayed into
 * an emptied `conversation_refs`; the table's digest must not change. Target: ≥ 10,000 events/s.
 * (Installs are marked inferred so the router does not queue 50,000 welcome cards.)
 */
export async function rebuild(): Promise<void> {
  const prefix = uniquePrefix('bench');
  const database = await createTestDatabase('herald_bench');
  const connection = await connectToNats({ url: NATS_URL, name: 'bench', logger });
  try {
    const names = busNames(prefix);
    await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
    const env = { HERALD_BUS_PREFIX: prefix, DATABASE_URL: database.url, LOG_LEVEL: 'silent' };
    // The live router projects every event as it arrives, the way production builds the table.
    const router = await createRouterApp(parseConfig(routerConfigSchema, env), logger);
    const bus = new MessageBus(connection, names);
    const live = performance.now();
    const published = await publishEvents(bus);
    const orm = await openDatabase({ url: database.url, schema: 'router', entities: CONVERSATION_DIRECTORY_ENTITIES, migrations: [], applicationName: 'bench' });
    await caughtUp(orm, published);
    process.stdout.write(`live projection: ${published} events applied live (batched transactions), ${Math.round(published / ((performance.now() - live) / 1000))} events/s\n`);
    await router.close();
    const before = await tableDigest(orm);
    const started = performance.now();
    const { events } = await rebuildConversationRefs(orm, bus);
    const seconds = (performance.now() - started) / 1000;
    const after = await tableDigest(orm);
    await orm.close();
    const rate = events / seconds;
    process.stdout.write(`rebuilt ${events} events in ${seconds.toFixed(2)} s = ${Math.round(rate)} events/s (target ≥ 10,000: ${rate >= 10_000 ? 'MET' : 'MISSED'})\n`);
    process.stdout.write(`table before and after the rebuild: ${before.rows} / ${after.rows} rows, md5 ${before.md5} / ${after.md5}: ${before.md5 === after.md5 ? 'IDENTICAL' : 'DIFFERENT'}\n`);
  } finally {
    await connection.close();
    await deleteStreams(prefix);
    await database.drop();
  }
}

async function publishEvents(bus: MessageBus): Promise<number> {
  let next = 0;
  const publishOne = async (n: number) => {
    const conversationId = `a:bench-${n % CONVERSATIONS}`;
    const event = n < CONVERSATIONS ? installed(conversationId) : moved(conversationId);
    await bus.publish(SUBJECTS.conversation(subjectToken(conversationId)), event);
  };
  await Promise.all(Array.from({ length: 64 }, async () => {
    for (let n = next++; n < 2 * CONVERSATIONS; n = next++) await publishOne(n);
  }));
  return 2 * CONVERSATIONS;
}

const meta = (type: string, conversationId: string) => metadataFor({ id: deriveId(type, conversationId), occurredAt: new Date('2026-11-21T12:00:00Z') });

function installed(conversationId: string): ConversationEvent {
  return {
    type: 'ConversationInstalled',
    data: {
      conversationId, kind: 'personal', tenantId: 'f5ffd8cf-a1aa-4242-adad-86509faa3be5', serviceUrl: 'https://smba.trafficmanager.net/amer/',
      botId: '28:bench', user: { id: `29:${conversationId}`, aadObjectId: deriveId('aad', conversationId) }, via: 'inferred', upgrade: false, installedAt: '2026-11-21T12:00:00Z',
    },
    metadata: meta('ConversationInstalled', conversationId),
  };
}

function moved(conversationId: string): ConversationEvent {
  return {
    type: 'ServiceUrlChanged',
    data: { conversationId, previousServiceUrl: 'https://smba.trafficmanager.net/amer/', serviceUrl: 'https://smba.trafficmanager.net/emea/' },
    metadata: meta('ServiceUrlChanged', conversationId),
  };
}

async function caughtUp(orm: Awaited<ReturnType<typeof openDatabase>>, sequence: number): Promise<void> {
  for (;;) {
    const [row] = await orm.em.fork().execute<{ position: string }[]>("select position from router.projection_checkpoints where projection = 'conversation-refs'");
    if (Number(row?.position ?? 0) >= sequence) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function tableDigest(orm: Awaited<ReturnType<typeof openDatabase>>): Promise<{ rows: number; md5: string }> {
  const [row] = await orm.em.fork().execute<{ rows: string; md5: string }[]>(
    "select count(*) as rows, md5(coalesce(string_agg(t::text, '|' order by conversation_id), '')) as md5 from router.conversation_refs t",
  );
  return { rows: Number(row?.rows), md5: String(row?.md5) };
}
