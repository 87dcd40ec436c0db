import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@herald/config';
import { createAuthApp } from '@herald/auth/app';
import { authConfigSchema } from '@herald/auth/config';
import { createGraphSyncApp } from '@herald/graph-sync/app';
import { graphSyncConfigSchema } from '@herald/graph-sync/config';
import { createNotifierApp } from '@herald/notifier/app';
import { notifierConfigSchema } from '@herald/notifier/config';
import { createRouterApp } from '@herald/router/app';
import { routerConfigSchema } from '@herald/router/config';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, uniquePrefix } from '@herald/testing';

const prefix = uniquePrefix('health');
const logger = createLogger({ service: 'test', level: 'silent' });
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const apps: Record<string, NestFastifyApplication> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const env = { HERALD_BUS_PREFIX: prefix, DATABASE_URL: database.url };
  apps['auth'] = await createAuthApp(parseConfig(authConfigSchema, env), logger);
  apps['graph-sync'] = await createGraphSyncApp(parseConfig(graphSyncConfigSchema, env), logger);
  apps['router'] = await createRouterApp(parseConfig(routerConfigSchema, env), logger);
  apps['notifier'] = await createNotifierApp(parseConfig(notifierConfigSchema, env), logger);
  for (const app of Object.values(apps)) await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  for (const app of Object.values(apps)) await app.close().catch(() => undefined);
  await deleteStreams(prefix);
  await database?.drop();
});

/** What each service's readiness checks: only the dependencies it uses (the gateway, NATS only, has gateway-readiness.e2e.spec.ts). */
const READY_CHECKS: Record<string, Record<string, string>> = {
  auth: { nats: 'ok', postgres: 'ok' },
  'graph-sync': { nats: 'ok', postgres: 'ok' },
  router: { nats: 'ok', postgres: 'ok' },
  notifier: { nats: 'ok', postgres: 'ok' },
};

describe.each(['auth', 'graph-sync', 'router', 'notifier'])('%s', (name) => {
  it('serves /healthz and, with its dependencies reachable, /readyz naming each', async () => {
    const url = await apps[name]!.getUrl();
    expect((await request(url).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: READY_CHECKS[name] });
  });

  it('serves Prometheus text at /metrics: process metrics and Herald\'s counters', async () => {
    const metrics = await request(await apps[name]!.getUrl()).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.text).toMatch(/^process_cpu_user_seconds_total\{service="[a-z-]+"\} \d/m);
    expect(metrics.text).toContain('# TYPE herald_recipients_settled_total counter');
    expect(metrics.text).toContain('# TYPE herald_send_slot_wait_seconds histogram');
  });
});

describe('readiness', () => {
  it('answers 503 naming the dependency that is down, only where the service uses it', async () => {
    await database.drop();
    const ready = await request(await apps['router']!.getUrl()).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ nats: 'ok', postgres: expect.stringMatching(/^unavailable/) });
    // graph-sync keeps its directory and sync checkpoints in Postgres.
    const graphSync = await request(await apps['graph-sync']!.getUrl()).get('/readyz');
    expect(graphSync.status).toBe(503);
    expect(graphSync.body.checks).toMatchObject({ nats: 'ok', postgres: expect.stringMatching(/^unavailable/) });
  });
});
