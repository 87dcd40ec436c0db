import { parseConfigOrExit } from '@herald/config';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { createLogger } from '@herald/telemetry';
import { ROUTER_MIGRATIONS } from './migrations/router.migrations.js';
import { rebuildConversationActivity } from './projections/rebuild-conversation-activity.js';
import { CONVERSATION_DIRECTORY_ENTITIES, rebuildConversationRefs } from './projections/rebuild-conversation-refs.js';
import { routerConfigSchema } from './router.config.js';

/** `npm run projections:rebuild -- <name>` for the router's projections. */
const REBUILDS = { 'conversation-refs': rebuildConversationRefs, 'conversation-activity': rebuildConversationActivity } as const;

const name = process.argv[2] as keyof typeof REBUILDS;
if (!(name in REBUILDS)) {
  process.stderr.write(`unknown projection "${name}"; the router has: ${Object.keys(REBUILDS).join(', ')}\n`);
  process.exit(2);
}
const config = parseConfigOrExit(routerConfigSchema, process.env);
const logger = createLogger({ service: 'router', level: config.telemetry.logLevel });
const connection = await connectToNats({ url: config.nats.url, name: 'herald-router-rebuild', logger });
const names = busNames(config.nats.prefix);
await provisionTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers: [] });
const database = await openDatabase({ ...config.database, entities: CONVERSATION_DIRECTORY_ENTITIES, migrations: ROUTER_MIGRATIONS, applicationName: 'herald-router-rebuild' });
const started = performance.now();
const { events, position } = await REBUILDS[name](database, new MessageBus(connection, names));
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`rebuilt ${name}: ${events} events in ${seconds.toFixed(2)} s (${Math.round(events / seconds)} events/s), checkpoint ${position}\n`);
await database.close();
await connection.drain();
