import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { openDatabase, type DatabaseOptions, type MikroORM } from '@herald/persistence';
import { createLogger, type LoggerOptions } from '@herald/telemetry';

export type Rebuild = (database: MikroORM, bus: MessageBus) => Promise<{ events: number; position: number }>;

interface RebuildCommand {
  /** The service that owns the projections, e.g. `auth` (its schema, its migrations). */
  readonly service: string;
  readonly config: {
    readonly nats: { readonly url: string; readonly prefix: string; readonly streams: { readonly replicas?: number; readonly storage?: 'file' | 'memory' } };
    readonly database: { readonly url: string; readonly schema: string };
    readonly telemetry: { readonly logLevel: LoggerOptions['level'] };
  };
  readonly migrations: DatabaseOptions['migrations'];
  readonly entities?: DatabaseOptions['entities'];
  readonly rebuilds: Readonly<Record<string, Rebuild>>;
  /** The projection asked for (`npm run projections:rebuild -- <name>`). */
  readonly name: string | undefined;
}

/**
 * `npm run projections:rebuild -- <name>` in the service that owns the projection: connects to
 * NATS and the service's schema (migrated), rebuilds it, prints how long it took. Exits 2 for a
 * projection the service does not have.
 */
export async function runRebuildCommand(command: RebuildCommand): Promise<void> {
  const { service, config, rebuilds, name } = command;
  const rebuild = name === undefined ? undefined : rebuilds[name];
  if (!rebuild) {
    process.stderr.write(`unknown projection "${name ?? ''}"; ${service} has: ${Object.keys(rebuilds).join(', ')}\n`);
    process.exit(2);
  }
  const logger = createLogger({ service, level: config.telemetry.logLevel });
  const connection = await connectToNats({ url: config.nats.url, name: `herald-${service}-rebuild`, logger });
  const names = busNames(config.nats.prefix);
  await provisionTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers: [] });
  const database = await openDatabase({ ...config.database, entities: [...(command.entities ?? [])], migrations: command.migrations, applicationName: `herald-${service}-rebuild` });
  const started = performance.now();
  const { events, position } = await rebuild(database, new MessageBus(connection, names));
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`rebuilt ${name}: ${events} events in ${seconds.toFixed(2)} s (${Math.round(events / seconds)} events/s), checkpoint ${position}\n`);
  await database.close();
  await connection.drain();
}
