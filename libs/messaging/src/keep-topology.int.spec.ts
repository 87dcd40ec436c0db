import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, describe, expect, it } from 'vitest';
import { busNames } from '@herald/contracts';
import { createLogger } from '@herald/telemetry';
import { eventually, uniquePrefix } from '@herald/testing';
import { connectToNats, type NatsConnection } from './connect.js';
import { keepTopology } from './keep-topology.js';
import { heraldStreams } from './streams.js';

// A NATS server of this test's own: it is killed and started again.
const PORT = 15_000 + Math.floor(Math.random() * 1_000);
const storeDir = mkdtempSync(join(tmpdir(), 'herald-topology-'));
const logger = createLogger({ service: 'test', level: 'silent' });
const names = busNames(uniquePrefix('topo'));
let server: ChildProcess | undefined;
let connection: NatsConnection | undefined;

function startServer(): ChildProcess {
  return spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(PORT), '-sd', storeDir], { stdio: 'ignore' });
}

async function streamExists(name: string): Promise<boolean | undefined> {
  const jsm = await jetstreamManager(connection!);
  return (await jsm.streams.info(name).then(() => true, () => false)) || undefined;
}

afterAll(async () => {
  await connection?.close();
  server?.kill('SIGKILL');
  rmSync(storeDir, { recursive: true, force: true });
});

describe('keepTopology', () => {
  it('puts the memory streams back after the NATS server restarted, without a restart of its own', async () => {
    server = startServer();
    connection = await eventually(() => connectToNats({ url: `nats://127.0.0.1:${PORT}`, name: 'topology', logger }).catch(() => undefined), 10_000, 'nats-server');
    await keepTopology(connection, { streams: heraldStreams(names), consumers: [] }, logger);
    const slots = names.stream('rateSlots').name;
    expect(await streamExists(slots)).toBe(true);

    const stopped = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGKILL');
    await stopped;
    server = startServer();
    await eventually(() => streamExists(slots).catch(() => undefined), 15_000, 'the memory stream provisioned again');
    expect(await streamExists(names.stream('conversations').name), 'file streams survive anyway').toBe(true);
  });
});
