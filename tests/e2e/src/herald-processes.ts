import { DEV_APP_ID, DEV_APP_SECRET } from '@herald/config';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, provisionTopology } from '@herald/messaging';
import { startTeamsSim } from '@herald/teams-sim';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, freePort, NATS_URL, uniquePrefix } from '@herald/testing';
import { SERVICE_NAMES, ServiceProcess, type ServiceName } from './service-process.js';

export const API_KEY = 'chaos-key';

/**
 * All five Herald services as processes of their own (from their builds: run `npm run build`
 * first), teams-sim in the test process with the gateway as its bot endpoint, a bus prefix of
 * their own, on the machine's NATS and Postgres unless a test brings its own (to restart them).
 */
export async function startHeraldProcesses(options: { natsUrl?: string; databaseUrl?: string; env?: Record<string, string>; connectorLatencyMs?: number } = {}) {
  const prefix = uniquePrefix('chaos');
  const natsUrl = options.natsUrl ?? NATS_URL;
  const database = options.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = options.databaseUrl ?? database!.url;
  const ports = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (name) => [name, await freePort()] as const))) as Record<ServiceName, number>;
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  const sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, botEndpoint: `${gatewayUrl}/api/messages`, connectorLimits: { latencyMs: options.connectorLatencyMs ?? 0 } });
  const env = {
    NATS_URL: natsUrl,
    HERALD_BUS_PREFIX: prefix,
    DATABASE_URL: databaseUrl,
    TEAMS_SIM_URL: sim.url,
    HERALD_API_KEYS: API_KEY,
    LOG_LEVEL: 'warn',
    // A message held by a process that died comes back after this long.
    NATS_ACK_WAIT_SECONDS: '5',
    ...options.env,
  };
  // The streams first, from here: five processes starting together never race to create them.
  const connection = await connectToNats({ url: natsUrl, name: 'chaos-test', logger: createLogger({ service: 'test', level: 'silent' }) });
  const names = busNames(prefix);
  await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
  const services = Object.fromEntries(SERVICE_NAMES.map((name) => [name, new ServiceProcess(name, ports[name], env)])) as Record<ServiceName, ServiceProcess>;
  for (const service of Object.values(services)) service.start();
  await Promise.all(Object.values(services).map((service) => service.ready()));

  return {
    prefix,
    env,
    sim,
    gatewayUrl,
    databaseUrl,
    services,
    /** The test's own publisher on Herald's bus (seeding the directory). */
    bus: new MessageBus(connection, names),
    async close() {
      await Promise.all(Object.values(services).filter((service) => service.pid !== undefined).map((service) => service.stop('SIGKILL')));
      await connection.close().catch(() => undefined);
      await sim.close();
      if (!options.natsUrl) await deleteStreams(prefix);
      await database?.drop();
    },
  };
}

export type HeraldProcesses = Awaited<ReturnType<typeof startHeraldProcesses>>;
