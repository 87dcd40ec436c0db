import { parseConfigOrExit } from '@herald/config';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { createLogger } from '@herald/telemetry';
import { NOTIFIER_MIGRATIONS } from './migrations/notifier.migrations.js';
import { notifierConfigSchema } from './notifier.config.js';
import { rebuildPersonPreferences } from './preferences/rebuild-person-preferences.js';

/** `npm run projections:rebuild -- <name>` for the notifier's projections. */
const REBUILDS = { 'person-preferences': rebuildPersonPreferences } as const;

const name = process.argv[2] as keyof typeof REBUILDS;
if (!(name in REBUILDS)) {
  process.stderr.write(`unknown projection "${name}"; the notifier has: ${Object.keys(REBUILDS).join(', ')}\n`);
  process.exit(2);
}
const config = parseConfigOrExit(notifierConfigSchema, process.env);
const logger = createLogger({ service: 'notifier', level: config.telemetry.logLevel });
const connection = await connectToNats({ url: config.nats.url, name: 'herald-notifier-rebuild', logger });
const names = busNames(config.nats.prefix);
await provisionTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers: [] });
const database = await openDatabase({ ...config.database, entities: [], migrations: NOTIFIER_MIGRATIONS, applicationName: 'herald-notifier-rebuild' });
const started = performance.now();
const { events, position } = await REBUILDS[name](database, new MessageBus(connection, names));
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`rebuilt ${name}: ${events} events in ${seconds.toFixed(2)} s (${Math.round(events / seconds)} events/s), checkpoint ${position}\n`);
await database.close();
await connection.drain();
