import https from 'node:https';
import tls from 'node:tls';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NestInterceptor } from '@nestjs/common';
import { DEV_APP_ID, DEV_APP_SECRET, parseConfig } from '@herald/config';
import { createAuthApp } from '@herald/auth/app';
import { authConfigSchema } from '@herald/auth/config';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { createGraphSyncApp } from '@herald/graph-sync/app';
import { graphSyncConfigSchema } from '@herald/graph-sync/config';
import { createNotifierApp } from '@herald/notifier/app';
import { notifierConfigSchema } from '@herald/notifier/config';
import { createRouterApp } from '@herald/router/app';
import { routerConfigSchema } from '@herald/router/config';
import { createLogger } from '@herald/telemetry';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { CapturedLogs, createTestDatabase, deleteStreams, fixture, freePort, uniquePrefix } from '@herald/testing';
import request from 'supertest';

export interface HeraldOptions {
  env?: Record<string, string>;
  /** false: the test runs its own notifier (e.g. as a process it can kill). */
  notifier?: boolean;
  /** The notifier's clock (quiet hours, digests, scheduled messages): one the test moves. */
  notifierClock?: { now(): Date };
  /** Also start graph-sync against the sim's Graph (off by default); an object adds env for it alone. */
  graphSync?: boolean | Record<string, string>;
  /** The console's browser sign-in comes back to this gateway's /console (auth's CONSOLE_PUBLIC_URL), not the dev gateway's. */
  consoleSignIn?: boolean;
}

/**
 * Herald's message path for a test: teams-sim, gateway (listening on a random port), router
 * and notifier (graph-sync too when asked), on the real NATS and Postgres, with a bus prefix
 * and a database of their own.
 */
export async function startHerald(options: HeraldOptions = {}) {
  const prefix = uniquePrefix('e2e');
  const database = await createTestDatabase();
  // The gateway's port is chosen first, so the simulator's chat page and Teams client can post to it.
  const gatewayPort = await freePort();
  // Auth listens where its sign-in pages say it does (AUTH_PUBLIC_URL): browsers come back to it from Entra.
  const authPort = await freePort();
  const authUrl = `http://127.0.0.1:${authPort}`;
  const sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET, entraHttps: {}, botEndpoint: `http://127.0.0.1:${gatewayPort}/api/messages` });
  trustCertificate(sim.caCertificate!);
  const env = {
    HERALD_BUS_PREFIX: prefix,
    DATABASE_URL: database.url,
    TEAMS_SIM_URL: sim.url,
    TEAMS_SIM_ENTRA_URL: sim.entraHttpsUrl!,
    HERALD_API_TENANT_ID: sim.tenantId,
    PORT: '0',
    ...options.env,
  };
  const logs = new CapturedLogs();
  const logger = (service: string) => createLogger({ service, level: 'debug', destination: logs });

  const gateway = await createGatewayApp(parseConfig(gatewayConfigSchema, { AUTH_PUBLIC_URL: authUrl, ...env }), logger('gateway'));
  await gateway.listen({ port: gatewayPort, host: '127.0.0.1' });
  const graphSync = options.graphSync ? await createGraphSyncApp(parseConfig(graphSyncConfigSchema, graphSyncEnv(env, sim, options.graphSync)), logger('graph-sync')) : undefined;
  const notifier = options.notifier === false ? undefined : await createNotifierApp(parseConfig(notifierConfigSchema, env), logger('notifier'), options.notifierClock ? { clock: options.notifierClock } : {});
  const consoleUrl = options.consoleSignIn ? { CONSOLE_PUBLIC_URL: `http://127.0.0.1:${gatewayPort}/console` } : {};
  const auth = await createAuthApp(parseConfig(authConfigSchema, { ...env, ...consoleUrl, PORT: String(authPort), AUTH_PUBLIC_URL: authUrl }), logger('auth'));
  await auth.listen({ port: authPort, host: '127.0.0.1' });
  const routers: NestFastifyApplication[] = [];
  const startRouter = async (interceptors: NestInterceptor[] = []) => {
    const router = await createRouterApp(parseConfig(routerConfigSchema, env), logger('router'), { interceptors });
    routers.push(router);
    return router;
  };

  return {
    prefix,
    env,
    databaseUrl: database.url,
    sim,
    logs,
    gateway,
    graphSync,
    gatewayUrl: await gateway.getUrl(),
    authUrl,
    startRouter,
    async close() {
      const apps = { gateway, ...Object.fromEntries(routers.map((router, i) => [`router${i}`, router])), notifier, graphSync, auth };
      for (const [name, app] of Object.entries(apps)) await slowly(`${name} close`, async () => app?.close().catch(() => undefined));
      await slowly('teams-sim close', () => sim.close());
      await deleteStreams(prefix);
      await database.drop();
    },
  };
}

export type Herald = Awaited<ReturnType<typeof startHerald>>;

/** graph-sync's env: Herald's, the sim's Teams app as the catalog app it installs, and the test's own additions. */
function graphSyncEnv(env: Record<string, string>, sim: TeamsSim, extra: true | Record<string, string>): Record<string, string> {
  return { ...env, TEAMS_APP_CATALOG_ID: sim.teamsAppId, ...(extra === true ? {} : extra) };
}

/** Runs a shutdown step; one that takes over 5 s says so (a hang in shutdown is a bug worth a line in CI's output). */
async function slowly(step: string, run: () => Promise<unknown>): Promise<void> {
  const started = Date.now();
  const timer = setInterval(() => console.error(`herald harness: ${step} still running after ${Math.round((Date.now() - started) / 1_000)} s`), 5_000);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
}

/**
 * This test process trusts the simulator's https certificate (what NODE_EXTRA_CA_CERTS does for
 * `npm start`): passport-azure-ad fetches Entra's metadata through Node's global https agent.
 */
function trustCertificate(pem: string): void {
  const current = https.globalAgent.options.ca;
  const cas = Array.isArray(current) ? current : current ? [current] : [...tls.rootCertificates];
  https.globalAgent.options.ca = [...cas, pem];
}

/** A personal-chat message from the shared fixture, addressed to the sim and given a fresh id. */
export function personalMessage(sim: TeamsSim, text: string, fixture: Record<string, unknown>) {
  return {
    ...fixture,
    text,
    id: `${Date.now()}${Math.floor(Math.random() * 1000)}`,
    serviceUrl: sim.serviceUrl,
    recipient: { id: `28:${DEV_APP_ID}`, name: 'Herald' },
  };
}

const personalInstall = fixture<Record<string, unknown>>('conversationUpdate-botAdded-personal.json');
/** The tenant of the personal-install fixture. */
export const FIXTURE_TENANT = (personalInstall['conversation'] as { tenantId: string }).tenantId;

/**
 * Teams installs Herald in a personal chat (the shared fixture, signed by the sim, posted to the
 * gateway; 200 once stored). The person is `29:<conversationId>` unless given.
 */
export async function installPersonalChat(
  herald: Pick<Herald, 'sim' | 'gatewayUrl'>,
  conversationId: string,
  options: { userId?: string; tenantId?: string; extra?: Record<string, unknown> } = {},
): Promise<void> {
  const tenantId = options.tenantId ?? FIXTURE_TENANT;
  const activity = {
    ...personalInstall,
    id: `install-${conversationId}`,
    serviceUrl: herald.sim.serviceUrl,
    conversation: { id: conversationId, conversationType: 'personal', tenantId },
    from: { id: options.userId ?? `29:${conversationId}` },
    ...options.extra,
  };
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
}
