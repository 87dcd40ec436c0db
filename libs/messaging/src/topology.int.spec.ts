import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@herald/telemetry';
import { eventually } from '@herald/testing';
import { connectToNats, type NatsConnection } from './connect.js';
import { provisionTopology, streamDefinition } from './topology.js';

// A nats-server of this file's own: it is killed and started again.
const storeDir = mkdtempSync(join(tmpdir(), 'herald-topology-'));
let port: number;
let server: ChildProcess;
let connection: NatsConnection;

async function startServer(): Promise<void> {
  server = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { stdio: 'ignore' });
}

beforeAll(async () => {
  port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  await startServer();
  connection = await eventually(() => connectToNats({ url: `nats://127.0.0.1:${port}`, name: 'topology-test', logger: createLogger({ service: 'test', level: 'silent' }) }).catch(() => undefined), 10_000, 'nats-server');
});

afterAll(async () => {
  await connection?.close();
  server?.kill('SIGKILL');
  rmSync(storeDir, { recursive: true, force: true });
});

describe('provisionTopology', () => {
  it('makes an in-memory stream again once NATS was restarted and the connection is back', async () => {
    const slots = streamDefinition({ name: 'SLOTS', subjects: ['slots.>'] }, { storage: 'memory', maxAgeMs: 60_000, duplicateWindowMs: 30_000 });
    const events = streamDefinition({ name: 'EVENTS', subjects: ['events.>'] });
    await provisionTopology(connection, { streams: [slots, events], consumers: [] });

    const stopped = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await stopped;
    await startServer();

    const jsm = await eventually(() => jetstreamManager(connection).catch(() => undefined), 15_000, 'JetStream back');
    const names = await eventually(async () => {
      const found = await jsm.streams.names().next().catch(() => undefined);
      return found?.includes('SLOTS') ? found : undefined;
    }, 15_000, 'the in-memory stream made again');
    expect(names.sort()).toEqual(['EVENTS', 'SLOTS']);
  }, 40_000);
});
