import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames } from '@herald/contracts';
import { connectToNats, MessageBus, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { eventually, uniquePrefix } from '@herald/testing';
import { ApiRateLimiter } from './api-rate-limiter.js';

// A nats-server of this test's own: it is killed under the limiter.
const PORT = 16_000 + Math.floor(Math.random() * 1_000);
const storeDir = mkdtempSync(join(tmpdir(), 'herald-rate-'));
const logger = createLogger({ service: 'test', level: 'silent' });
let server: ChildProcess | undefined;
let connection: NatsConnection;

beforeAll(async () => {
  server = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(PORT), '-sd', storeDir], { stdio: 'ignore' });
  connection = await eventually(() => connectToNats({ url: `nats://127.0.0.1:${PORT}`, name: 'rate-limiter', logger }).catch(() => undefined), 10_000, 'nats-server');
});

afterAll(async () => {
  await connection?.close();
  server?.kill('SIGKILL');
  rmSync(storeDir, { recursive: true, force: true });
});

describe('ApiRateLimiter with its store in NATS away', () => {
  it("lets a caller's concurrent calls through within about one deadline, not one deadline each", async () => {
    const limiter = new ApiRateLimiter(new MessageBus(connection, busNames(uniquePrefix('rl'))), logger, 1_000);
    const rate = { limit: 100, windowMs: 60_000 };
    expect(await limiter.admit('key-a', rate)).toEqual({ allowed: true });
    const stopped = new Promise((resolve) => server!.once('exit', resolve));
    server!.kill('SIGKILL');
    await stopped;
    const started = Date.now();
    const admissions = await Promise.all(Array.from({ length: 8 }, () => limiter.admit('key-a', rate)));
    expect(admissions.every((admission) => admission.allowed)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});
