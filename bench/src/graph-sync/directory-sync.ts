import pg from 'pg';
import { metadataFor, SUBJECTS, syncDirectoryAnswerSchema } from '@herald/contracts';
import type { GraphSyncStack } from './graph-sync-stack.js';

const USERS = 50_000;
const TARGET_USERS_PER_SECOND = 2_000;

/**
 * (a) A tenant of 50,000 users synced from nothing: `graph.request.sync-directory` to a running
 * graph-sync, which pages users/delta and stores a DirectoryUserUpserted per user; then the time
 * until its directory_users projection holds them all.
 */
export async function directorySync(stack: GraphSyncStack): Promise<void> {
  const tenantId = stack.sim.tenantId;
  stack.sim.seedDirectory({ users: USERS });
  const pagesBefore = stack.sim.graphPagesServed;
  const callsBefore = stack.sim.graphCalls;
  const started = performance.now();
  const request = { type: 'SyncDirectoryRequested', data: { tenantId }, metadata: metadataFor({ occurredAt: new Date() }) };
  const answer = syncDirectoryAnswerSchema.parse(await stack.bus.request(SUBJECTS.syncDirectoryRequest, request, 300_000));
  const seconds = (performance.now() - started) / 1_000;
  const rate = answer.upserted / seconds;
  const pages = stack.sim.graphPagesServed - pagesBefore;
  process.stdout.write(`directory sync: ${answer.status}, ${answer.upserted} users in ${seconds.toFixed(2)} s = ${Math.round(rate)} users/s (target ≥ ${TARGET_USERS_PER_SECOND.toLocaleString('en')}: ${rate >= TARGET_USERS_PER_SECOND ? 'MET' : 'MISSED'})\n`);
  process.stdout.write(`  pages: ${pages} of users/delta (${answer.pages} by graph-sync's count), ${stack.sim.graphCalls - callsBefore} Graph calls, ${stack.sim.graphThrottled} throttled\n`);
  const projected = await projectedWithin(stack.databaseUrl, tenantId, answer.upserted, 120_000);
  const total = (performance.now() - started) / 1_000;
  process.stdout.write(`  directory_users projection: ${projected} rows after ${total.toFixed(2)} s = ${Math.round(projected / total)} users/s end to end\n`);
}

/** Polls graph-sync's projection until it holds `expected` users of the tenant (or `timeoutMs` passes); the count it reached. */
async function projectedWithin(databaseUrl: string, tenantId: string, expected: number, timeoutMs: number): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ count: string }>('select count(*) from graph_sync.directory_users where tenant_id = $1', [tenantId]);
      const count = Number(rows[0]?.count ?? 0);
      if (count >= expected || Date.now() > deadline) return count;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
}
