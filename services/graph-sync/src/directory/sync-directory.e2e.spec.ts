import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEV_APP_ID, DEV_APP_SECRET, parseConfig } from '@herald/config';
import { busNames, metadataFor, SUBJECTS, syncDirectoryAnswerSchema, type SyncDirectoryAnswer } from '@herald/contracts';
import { replay, subjectToken } from '@herald/event-sourcing';
import { connectToNats, MessageBus } from '@herald/messaging';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, eventually, NATS_URL, uniquePrefix } from '@herald/testing';
import { createGraphSyncApp } from '../app.js';
import { graphSyncConfigSchema } from '../graph-sync.config.js';
import { GRAPH_SYNC_MIGRATIONS } from '../migrations/graph-sync.migrations.js';

const SMALL_TENANT = '5d0c3b1e-2f4a-4e6b-9c8d-7a1f2e3d4c5b';
const prefix = uniquePrefix('graphsync');
const logger = createLogger({ service: 'graph-sync', level: 'warn' });
let sim: TeamsSim;
let testDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
let database: MikroORM;
let bus: MessageBus;
let app: NestFastifyApplication | undefined;
let env: Record<string, string>;

const startApp = async () => (app = await createGraphSyncApp(parseConfig(graphSyncConfigSchema, env), logger));
const closeApp = async () => {
  await app?.close();
  app = undefined;
};

async function syncNow(tenantId: string): Promise<SyncDirectoryAnswer> {
  const request = { type: 'SyncDirectoryRequested', data: { tenantId }, metadata: metadataFor({ occurredAt: new Date() }) };
  return syncDirectoryAnswerSchema.parse(await bus.request(SUBJECTS.syncDirectoryRequest, request, 120_000));
}

interface Row { user_id: string; user_principal_name: string; display_name: string; mail: string; guest: boolean; disabled: boolean }
const rowsOf = (tenantId: string) =>
  database.em.fork().execute<Row[]>('select user_id, user_principal_name, display_name, mail, guest, disabled from directory_users where tenant_id = ? order by user_id', [tenantId]);

/** The directory as teams-sim holds it, in the projection's shape. */
function simRows(tenantId: string): Row[] {
  return sim
    .directoryUserIds(tenantId)
    .map((id) => sim.directoryUser(id, tenantId)!)
    .map((user) => ({ user_id: user.id, user_principal_name: user.userPrincipalName, display_name: user.displayName, mail: user.mail!, guest: user.userType === 'Guest', disabled: !user.accountEnabled }))
    .sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0));
}

/** Waits until the projection has caught up with the sim (same count), then returns its rows. */
async function projected(tenantId: string, expected: number): Promise<Row[]> {
  await eventually(async () => ((await rowsOf(tenantId)).length === expected ? true : undefined), 60_000, `directory_users of ${tenantId} has ${expected} rows`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return rowsOf(tenantId);
}

/** How many directory events the tenant's subjects hold. */
async function storedEvents(tenantId: string): Promise<number> {
  let count = 0;
  for await (const batch of replay(bus, bus.names.stream('directory').name, SUBJECTS.directoryUser(subjectToken(tenantId), '>'))) count += batch.length;
  return count;
}

beforeAll(async () => {
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET });
  testDatabase = await createTestDatabase('graph_sync');
  env = { HERALD_BUS_PREFIX: prefix, DATABASE_URL: testDatabase.url, TEAMS_SIM_URL: sim.url, PORT: '0', GRAPH_SYNC_INTERVAL_SECONDS: '3600' };
  await startApp();
  database = await openDatabase({ url: testDatabase.url, schema: 'graph_sync', entities: [], migrations: GRAPH_SYNC_MIGRATIONS, applicationName: 'graph-sync-test' });
  bus = new MessageBus(await connectToNats({ url: NATS_URL, name: 'graph-sync-test', logger }), busNames(prefix));
});

afterAll(async () => {
  await closeApp();
  await bus?.connection.drain();
  await database?.close();
  await sim?.close();
  await deleteStreams(prefix);
  await testDatabase?.drop();
});

describe('directory sync', () => {
  it('syncs 50,000 users, resumes from its checkpoint after being stopped half-way, and matches the directory exactly', async () => {
    const tenantId = sim.tenantId;
    sim.seedDirectory({ users: 49_000, guests: 1_000, disabled: 700 });
    const started = performance.now();
    const pagesBefore = sim.graphPagesServed;
    const first = syncNow(tenantId).catch(() => undefined);
    await eventually(() => (sim.graphPagesServed - pagesBefore >= 250 ? true : undefined), 60_000, 'half the pages fetched');
    await closeApp();
    await first;
    const firstPages = sim.graphPagesServed - pagesBefore;
    await startApp();
    const resumedFrom = sim.graphPagesServed;
    const answer = await syncNow(tenantId);
    const resumedPages = sim.graphPagesServed - resumedFrom;
    const rows = await projected(tenantId, 50_000);
    const seconds = (performance.now() - started) / 1000;
    console.info(`synced 50,000 users in ${seconds.toFixed(1)} s (${Math.round(50_000 / seconds)} users/s); pages: ${firstPages} before the stop, ${resumedPages} after resuming (500 in all)`);
    expect(answer.status).toBe('synced');
    expect(resumedPages).toBeLessThan(500);
    expect(firstPages + resumedPages).toBeLessThanOrEqual(502);
    expect(rows).toEqual(simRows(tenantId));
    expect(rows.filter((row) => row.guest)).toHaveLength(1_000);
    expect(rows.filter((row) => row.disabled)).toHaveLength(700);
    expect(seconds).toBeLessThan(60);
  }, 120_000);

  it('applies exactly the changes of a delta round, never twice, and recovers from an expired token by a full resync', async () => {
    sim.seedDirectory({ tenantId: SMALL_TENANT, users: 1_900, guests: 100, disabled: 50 });
    expect((await syncNow(SMALL_TENANT)).upserted).toBe(2_000);
    await projected(SMALL_TENANT, 2_000);

    const eventsBefore = await storedEvents(SMALL_TENANT);
    sim.changeDirectory({ tenantId: SMALL_TENANT, updated: 50, removed: 25, added: 25 });
    const round = await syncNow(SMALL_TENANT);
    expect(round).toMatchObject({ status: 'synced', upserted: 75, removed: 25 });
    expect((await storedEvents(SMALL_TENANT)) - eventsBefore).toBe(100);
    expect(await projected(SMALL_TENANT, 2_000)).toEqual(simRows(SMALL_TENANT));

    const again = await syncNow(SMALL_TENANT);
    expect(again).toMatchObject({ status: 'synced', upserted: 0, removed: 0 });
    expect((await storedEvents(SMALL_TENANT)) - eventsBefore).toBe(100);

    sim.expireDeltaTokens();
    sim.changeDirectory({ tenantId: SMALL_TENANT, updated: 10, removed: 30 });
    const resync = await syncNow(SMALL_TENANT);
    expect(resync).toMatchObject({ status: 'synced', upserted: 10, removed: 30 });
    expect(await projected(SMALL_TENANT, 1_970)).toEqual(simRows(SMALL_TENANT));
  }, 60_000);

  it('answers `running` to a request for a tenant whose sync is under way', async () => {
    const tenantId = '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b';
    sim.seedDirectory({ tenantId, users: 3_000 });
    const [one, two] = await Promise.all([syncNow(tenantId), syncNow(tenantId)]);
    expect([one.status, two.status].sort()).toEqual(['running', 'synced']);
  }, 60_000);

  it('syncs, at start, the tenants of installed conversations and those of GRAPH_SYNC_TENANT_IDS', async () => {
    const installed = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';
    const configured = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    sim.seedDirectory({ tenantId: installed, users: 300 });
    sim.seedDirectory({ tenantId: configured, users: 200 });
    const conversationId = 'a:1personal-chat';
    await bus.publish(SUBJECTS.conversation(subjectToken(conversationId)), {
      type: 'ConversationInstalled',
      data: { conversationId, kind: 'personal', tenantId: installed, serviceUrl: 'https://smba.example/amer/', via: 'installationUpdate' },
      metadata: metadataFor({ occurredAt: new Date() }),
    });
    await eventually(async () => ((await database.em.fork().execute('select 1 from known_tenants where tenant_id = ?', [installed])).length > 0 ? true : undefined));
    await closeApp();
    env = { ...env, GRAPH_SYNC_TENANT_IDS: configured };
    await startApp();
    expect(await projected(installed, 300)).toEqual(simRows(installed));
    expect(await projected(configured, 200)).toEqual(simRows(configured));
  }, 60_000);
});
