import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, provisionTopology, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { busiestWindow, deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { TenantSendSlots } from './tenant-send-slots.js';

const prefix = uniquePrefix('rate');
const names = busNames(prefix);
let connections: NatsConnection[] = [];

beforeAll(async () => {
  const logger = createLogger({ service: 'test', level: 'silent' });
  connections = await Promise.all([1, 2].map((n) => connectToNats({ url: NATS_URL, name: `replica-${n}`, logger })));
  await provisionTopology(connections[0]!, { streams: heraldStreams(names), consumers: [] });
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
  await deleteStreams(prefix);
});


describe('TenantSendSlots', () => {
  it('two replicas sending for one tenant together stay under its per-second limit, near the full rate', async () => {
    const replicas = connections.map((connection) => new TenantSendSlots(new MessageBus(connection, names), { perTenantPerSecond: 50 }));
    const times: number[] = [];
    const started = Date.now();
    // 16 concurrent senders per replica, 150 sends in all.
    let left = 150;
    await Promise.all(replicas.flatMap((replica) => Array.from({ length: 16 }, async () => {
      while (left-- > 0) {
        await replica.acquire('tenant-a', 'broadcast');
        times.push(Date.now());
      }
    })));
    const seconds = (Date.now() - started) / 1_000;
    expect(times).toHaveLength(150);
    expect(busiestWindow(times, 1_000)).toBeLessThanOrEqual(50);
    expect(150 / seconds, 'achieved rate').toBeGreaterThan(50 * 0.9);
  });

  it('an interactive reply during a broadcast waits at most the broadcast horizon', async () => {
    const replica = new TenantSendSlots(new MessageBus(connections[0]!, names), { perTenantPerSecond: 50 });
    let broadcasting = true;
    const broadcast = Promise.all(Array.from({ length: 32 }, async () => {
      while (broadcasting) await replica.acquire('tenant-b', 'broadcast');
    }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const asked = Date.now();
      await replica.acquire('tenant-b', 'interactive');
      waits.push(Date.now() - asked);
    }
    broadcasting = false;
    await broadcast;
    expect(Math.max(...waits)).toBeLessThan(400);
  });

  it('background work waits while a broadcast keeps the slots busy, and goes once it is over', async () => {
    const replica = new TenantSendSlots(new MessageBus(connections[0]!, names), { perTenantPerSecond: 50 });
    let broadcasting = true;
    const broadcast = Promise.all(Array.from({ length: 32 }, async () => {
      while (broadcasting) await replica.acquire('tenant-c', 'broadcast');
    }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    let backgroundDone = 0;
    const background = replica.acquire('tenant-c', 'background').then(() => (backgroundDone = Date.now()));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const stopped = Date.now();
    broadcasting = false;
    await broadcast;
    await background;
    expect(backgroundDone).toBeGreaterThanOrEqual(stopped);
  });

  it('never waits past the caller\'s bound: background work during a broadcast, any send during a 429 pause, gives up in time', async () => {
    const replica = new TenantSendSlots(new MessageBus(connections[0]!, names), { perTenantPerSecond: 50 });
    let broadcasting = true;
    const broadcast = Promise.all(Array.from({ length: 32 }, async () => {
      while (broadcasting) await replica.acquire('tenant-d', 'broadcast');
    }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const asked = Date.now();
    expect(await replica.acquire('tenant-d', 'background', 500)).toBe(false);
    expect(Date.now() - asked).toBeLessThan(900);
    broadcasting = false;
    await broadcast;

    replica.pause('tenant-e', 3_000);
    for (const priority of ['interactive', 'broadcast', 'background'] as const) {
      const started = Date.now();
      expect(await replica.acquire('tenant-e', priority, 1_000), priority).toBe(false);
      expect(Date.now() - started).toBeLessThan(1_200);
    }
  });

  it('a 429 pauses the tenant until its Retry-After, on every priority; other tenants go on', async () => {
    const replica = new TenantSendSlots(new MessageBus(connections[0]!, names), { perTenantPerSecond: 50 });
    replica.pause('tenant-f', 800);
    const started = Date.now();
    await replica.acquire('tenant-g', 'broadcast');
    expect(Date.now() - started, 'another tenant').toBeLessThan(300);
    expect(await replica.acquire('tenant-f', 'interactive')).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(780);
  });

  it('a 429 on one replica pauses the tenant on the others too', async () => {
    const [first, second] = connections.map((connection) => new TenantSendSlots(new MessageBus(connection, names), { perTenantPerSecond: 50 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    first!.pause('tenant-h', 1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second!.pausedFor('tenant-h')).toBeGreaterThan(700);
    const started = Date.now();
    expect(await second!.acquire('tenant-h', 'broadcast')).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });
});
