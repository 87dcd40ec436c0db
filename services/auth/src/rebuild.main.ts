import { parseConfigOrExit } from '@herald/config';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { createLogger } from '@herald/telemetry';
import { authConfigSchema } from './auth.config.js';
import { AUTH_MIGRATIONS } from './migrations/auth.migrations.js';
import { rebuildUserLinks } from './users/rebuild-user-links.js';
import { rebuildUserPreferences } from './preferences/rebuild-user-preferences.js';

/** `npm run projections:rebuild -- <name>` for the auth service's projections. */
const REBUILDS = { 'user-links': rebuildUserLinks, 'user-preferences': rebuildUserPreferences } as const;

const name = process.argv[2] as keyof typeof REBUILDS;
if (!(name in REBUILDS)) {
  process.stderr.write(`unknown projection "${name}"; auth has: ${Object.keys(REBUILDS).join(', ')}\n`);
  process.exit(2);
}
const config = parseConfigOrExit(authConfigSchema, process.env);
const logger = createLogger({ service: 'auth', level: config.telemetry.logLevel });
const connection = await connectToNats({ url: config.nats.url, name: 'herald-auth-rebuild', logger });
const names = busNames(config.nats.prefix);
await provisionTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers: [] });
const database = await openDatabase({ ...config.database, entities: [], migrations: AUTH_MIGRATIONS, applicationName: 'herald-auth-rebuild' });
const started = performance.now();
const { events, position } = await REBUILDS[name](database, new MessageBus(connection, names));
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`rebuilt ${name}: ${events} events in ${seconds.toFixed(2)} s (${Math.round(events / seconds)} events/s), checkpoint ${position}\n`);
await database.close();
await connection.drain();
