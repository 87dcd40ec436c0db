import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, provisionTopology, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { busiestWindow, deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { GraphGovernor, type GraphGovernorOptions } from './graph-governor.js';

const prefix = uniquePrefix('graphgov');
const names = busNames(prefix);
let connections: NatsConnection[] = [];

beforeAll(async () => {
  const logger = createLogger({ service: 'test', level: 'silent' });
  connections = await Promise.all([1, 2, 3].map((n) => connectToNats({ url: NATS_URL, name: `replica-${n}`, logger })));
  await provisionTopology(connections[0]!, { streams: heraldStreams(names), consumers: [] });
});

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
  await deleteStreams(prefix);
});

/** Three replicas, each its own NATS connection and governor. */
const replicas = (options: GraphGovernorOptions) => connections.map((connection) => new GraphGovernor(new MessageBus(connection, names), options));

/** `total` installs over `tenants`, 12 concurrent callers per replica; the time each was let go, per tenant. */
async function install(governors: GraphGovernor[], tenants: string[], total: number) {
  const times = new Map<string, number[]>(tenants.map((tenant) => [tenant, []]));
  let issued = 0;
  let refused = 0;
  await Promise.all(governors.flatMap((governor) => Array.from({ length: 12 }, async () => {
    while (issued < total) {
      const tenant = tenants[issued++ % tenants.length]!;
      if (await governor.acquire('install', tenant, 10_000)) times.get(tenant)!.push(Date.now());
      else refused++;
    }
  })));
  return { times, refused };
}

describe('GraphGovernor', () => {
  it('three replicas installing for one tenant stay within 30 in every second, near the full rate', async () => {
    const started = Date.now();
    const { times, refused } = await install(replicas({ installsPerTenantPerSecond: 30, installsPerSecond: 300 }), ['tenant-a'], 150);
    const seconds = (Date.now() - started) / 1_000;
    const all = times.get('tenant-a')!;
    expect(refused).toBe(0);
    expect(all).toHaveLength(150);
    expect(busiestWindow(all)).toBeLessThanOrEqual(30);
    // Near, not at: a call whose timer fired too late gives its slots up (the limit comes first).
    expect(150 / seconds, 'achieved rate').toBeGreaterThan(30 * 0.85);
  }, 30_000);

  it('three replicas installing for many tenants stay within the limit across tenants, and each tenant within its own', async () => {
    // 12 tenants at 30/s would be 360/s: the limit across tenants (300/s) is the one that binds.
    const tenants = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const started = Date.now();
    const { times, refused } = await install(replicas({ installsPerTenantPerSecond: 30, installsPerSecond: 300 }), tenants, 900);
    const seconds = (Date.now() - started) / 1_000;
    const all = [...times.values()].flat();
    expect(refused).toBe(0);
    expect(all).toHaveLength(900);
    expect(busiestWindow(all)).toBeLessThanOrEqual(300);
    for (const tenant of tenants) expect(busiestWindow(times.get(tenant)!), tenant).toBeLessThanOrEqual(30);
    expect(900 / seconds, 'achieved rate').toBeGreaterThan(300 * 0.8);
  }, 30_000);

  it("holds a tenant's installs back on every replica after a 429 on one, until its Retry-After", async () => {
    const [first, second] = replicas({ installsPerTenantPerSecond: 30, installsPerSecond: 300 });
    await Promise.all(connections.map((connection) => connection.flush()));
    first!.pause('install', 'tenant-throttled', 1_000);
    await connections[0]!.flush();
    const asked = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await second!.acquire('install', 'tenant-throttled')).toBe(true);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(950);
    const other = Date.now();
    expect(await second!.acquire('install', 'tenant-not-throttled')).toBe(true);
    expect(Date.now() - other).toBeLessThan(200);
  });

  it('gives up when no slot can be had within the wait it was given', async () => {
    const [governor] = replicas({ installsPerTenantPerSecond: 2, installsPerSecond: 300 });
    expect(await governor!.acquire('install', 'tenant-slow', 1_000)).toBe(true);
    const asked = Date.now();
    expect(await governor!.acquire('install', 'tenant-slow', 100)).toBe(false);
    expect(Date.now() - asked).toBeLessThan(300);
  });
});
