import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, metadataFor, SUBJECTS, syncDirectoryAnswerSchema } from '@herald/contracts';
import { connectToNats, MessageBus } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { NATS_URL } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/** `startHerald({ graphSync: true })`: graph-sync runs with the rest, against the sim's Graph, and stops with it. */
let herald: Herald;
let bus: MessageBus;

beforeAll(async () => {
  herald = await startHerald({ graphSync: { GRAPH_SYNC_INTERVAL_SECONDS: '3600' } });
  bus = new MessageBus(await connectToNats({ url: NATS_URL, name: 'graph-sync-harness', logger: createLogger({ service: 'test', level: 'silent' }) }), busNames(herald.prefix));
}, 60_000);

afterAll(async () => {
  await bus?.connection.close();
  await herald?.close();
});

describe('the e2e harness with graph-sync', () => {
  it("starts graph-sync on Herald's bus and database: it syncs the sim's directory when asked", async () => {
    expect(herald.graphSync).toBeDefined();
    herald.sim.seedDirectory({ users: 120 });
    const request = { type: 'SyncDirectoryRequested', data: { tenantId: herald.sim.tenantId }, metadata: metadataFor({ occurredAt: new Date() }) };
    const answer = syncDirectoryAnswerSchema.parse(await bus.request(SUBJECTS.syncDirectoryRequest, request, 30_000));
    expect(answer).toMatchObject({ status: 'synced', upserted: 120 });
  }, 60_000);
});
