import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID, parseConfig } from '@herald/config';
import { busNames, type ActivityReceived } from '@herald/contracts';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { connectToNats } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { createTestDatabase, eventually, fixture, uniquePrefix } from '@herald/testing';

// A NATS server of this test's own, so it can be killed and restarted without touching others.
const PORT = 14_000 + Math.floor(Math.random() * 1_000);
const NATS = `nats://127.0.0.1:${PORT}`;
const storeDir = mkdtempSync(join(tmpdir(), 'herald-nats-'));
const prefix = uniquePrefix('outage');
const logger = createLogger({ service: 'gateway', level: 'silent' });
let nats: ChildProcess | undefined;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sim: TeamsSim;
let gateway: NestFastifyApplication;
let url: string;

async function startNats(): Promise<void> {
  nats = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(PORT), '-sd', storeDir], { stdio: 'ignore' });
  const logger = createLogger({ service: 'test', level: 'silent' });
  await eventually(async () => (await connectToNats({ url: NATS, name: 'probe', logger }).then((c) => c.close().then(() => true)).catch(() => undefined)), 10_000, 'nats-server');
}

async function killNats(): Promise<void> {
  const stopped = new Promise((resolve) => nats!.once('exit', resolve));
  nats!.kill('SIGKILL');
  await stopped;
}

beforeAll(async () => {
  await startNats();
  database = await createTestDatabase();
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: 'unused' });
  const env = { NATS_URL: NATS, HERALD_BUS_PREFIX: prefix, DATABASE_URL: database.url, TEAMS_SIM_URL: sim.url };
  gateway = await createGatewayApp(parseConfig(gatewayConfigSchema, env), logger);
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  url = await gateway.getUrl();
});

afterAll(async () => {
  await gateway?.close();
  await sim?.close();
  nats?.kill('SIGKILL');
  await database?.drop();
  rmSync(storeDir, { recursive: true, force: true });
});

describe('NATS killed under 200 req/s', () => {
  it('answers every request 200 (and stored) or 503, and recovers without a restart', async () => {
    const token = await sim.mintChannelToken({ serviceUrl: sim.serviceUrl });
    const base = { ...fixture('message-personal.json'), serviceUrl: sim.serviceUrl, recipient: { id: `28:${DEV_APP_ID}` } };
    const send = async (id: string) => {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...base, id }),
        signal: AbortSignal.timeout(20_000),
      });
      return { id, status: response.status };
    };

    const results: Promise<{ id: string; status: number }>[] = [];
    const started = Date.now();
    const outage = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await killNats();
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await startNats();
    })();
    for (let n = 0; Date.now() - started < 7_000; n += 1) {
      results.push(send(`load-${n}`));
      await new Promise((resolve) => setTimeout(resolve, 5)); // 200 req/s, open loop
    }
    await outage;
    const answers = await Promise.all(results);

    expect(answers.length).toBeGreaterThan(1_000);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 503)).toEqual([]);
    const refused = answers.filter((a) => a.status === 503).length;
    const accepted = answers.filter((a) => a.status === 200).map((a) => a.id);
    process.stdout.write(`NATS outage: ${answers.length} requests, ${accepted.length} answered 200, ${refused} answered 503\n`);
    expect(refused, 'the outage was felt').toBeGreaterThan(0);
    expect((await send('after-recovery')).status).toBe(200);

    const stored = await storedActivityIds();
    const missing = accepted.filter((id) => !stored.has(id));
    expect(missing, `${accepted.length} answered 200, ${refused} answered 503`).toEqual([]);
    expect(stored.has('after-recovery')).toBe(true);
  }, 60_000);
});

async function storedActivityIds(): Promise<Set<string>> {
  const connection = await connectToNats({ url: NATS, name: 'check', logger });
  try {
    const jsm = await jetstreamManager(connection);
    const stream = busNames(prefix).stream('inbound').name;
    const { state } = await jsm.streams.info(stream);
    const ids = new Set<string>();
    for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (message) ids.add(message.json<ActivityReceived>().data.activity.id ?? '');
    }
    return ids;
  } finally {
    await connection.close();
  }
}
