import pg from 'pg';
import { DEV_APP_ID } from '@herald/config';
import { deriveId, metadataFor, SUBJECTS, type ConversationInstalled, type NotificationStatus } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { TeamsSim } from '@herald/teams-sim';
import { eventually } from '@herald/testing';
import { API_KEY } from './herald-processes.js';

/** The tenant of the broadcasts' recipients (people chatting are in the simulator's own tenant). */
export const BROADCAST_TENANT = '5c0ffee0-7a11-4b0a-8d1e-ca05c0ffee00';

/** `count` personal chats of BROADCAST_TENANT, installed as the router records it; resolves once the notifier's directory has them all. */
export async function installRecipients(bus: MessageBus, sim: TeamsSim, databaseUrl: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, count - start) }, (_, i) => `a:recipient-${start + i}`).map((conversationId) => bus.publish(SUBJECTS.conversation(subjectToken(conversationId)), installed(conversationId, sim))),
    );
  }
  await withDatabase(databaseUrl, (db) =>
    eventually(async () => (Number((await db.query<{ count: string }>('select count(*) from notifier.known_conversations')).rows[0]?.count) >= count) || undefined, 60_000, `${count} recipients in the notifier's directory`),
  );
}

function installed(conversationId: string, sim: TeamsSim): ConversationInstalled {
  return {
    type: 'ConversationInstalled',
    data: { conversationId, kind: 'personal', tenantId: BROADCAST_TENANT, serviceUrl: sim.serviceUrl, botId: `28:${DEV_APP_ID}`, user: { id: `29:${conversationId}` }, via: 'inferred', upgrade: false, installedAt: new Date().toISOString() },
    metadata: metadataFor({ id: deriveId('chaos-install', conversationId), occurredAt: new Date() }),
  };
}

/** POSTs an `allUsers` notification of BROADCAST_TENANT through the gateway: its id. */
export async function broadcast(gatewayUrl: string, text: string): Promise<string> {
  const response = await fetch(`${gatewayUrl}/api/v1/notifications`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ recipients: [{ allUsers: true, tenantId: BROADCAST_TENANT }], text }),
  });
  if (response.status !== 202) throw new Error(`notification answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** The notification's status from the API, once `completed` (the gateway may be down or restarting meanwhile). */
export function completed(gatewayUrl: string, id: string, timeoutMs: number): Promise<NotificationStatus> {
  return eventually(async () => {
    const response = await fetch(`${gatewayUrl}/api/v1/notifications/${id}`, { headers: { authorization: `Bearer ${API_KEY}` }, signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    const status = response?.status === 200 ? ((await response.json()) as NotificationStatus) : undefined;
    return status?.state === 'completed' ? status : undefined;
  }, timeoutMs, `notification ${id} completed`);
}

/** Successful Bot Connector calls that carried `marker`. */
export function sendsOf(sim: TeamsSim, marker: string): number {
  return sim.connectorCalls.filter((call) => call.status < 300 && call.operation === 'sendToConversation' && JSON.stringify(call.body).includes(marker)).length;
}

/**
 * Where each recipient of the notification ended (the notifier's table) beside what Teams
 * received: `twiceNotUnknown` lists conversations that got it more than once though their
 * recipient is not recorded `Unknown` (the only bucket a repeat may hide in).
 */
export async function auditBroadcast(databaseUrl: string, sim: TeamsSim, id: string, marker: string) {
  const rows = await withDatabase(databaseUrl, async (db) => (await db.query<{ recipient_key: string; bucket: string; code: string | null }>('select recipient_key, bucket, code from notifier.notification_recipients where notification_id = $1', [id])).rows);
  const buckets: Record<string, number> = {};
  const codes: Record<string, number> = {};
  for (const row of rows) {
    buckets[row.bucket] = (buckets[row.bucket] ?? 0) + 1;
    if (row.code) codes[`${row.bucket}(${row.code})`] = (codes[`${row.bucket}(${row.code})`] ?? 0) + 1;
  }
  const unknown = new Set(rows.filter((row) => row.bucket === 'Unknown').map((row) => row.recipient_key));
  const copies = new Map<string, number>();
  for (const call of sim.connectorCalls) {
    if (call.status < 300 && JSON.stringify(call.body).includes(marker)) copies.set(call.conversationId!, (copies.get(call.conversationId!) ?? 0) + 1);
  }
  const twice = [...copies].filter(([, n]) => n > 1).map(([conversationId]) => conversationId);
  return { recipients: rows.length, distinct: new Set(rows.map((row) => row.recipient_key)).size, buckets, codes, unknown: unknown.size, reached: copies.size, twice: twice.length, twiceNotUnknown: twice.filter((c) => !unknown.has(c)) };
}

/** Replies to people the notifier recorded Unknown (sent or not, nobody can tell): the only ones that may be missing. */
export function unknownReplies(databaseUrl: string, conversations: readonly string[]): Promise<number> {
  return withDatabase(databaseUrl, async (db) => Number((await db.query<{ count: string }>(`select count(*) from notifier.delivery_log where outcome = 'Unknown' and conversation_id = any($1)`, [conversations])).rows[0]?.count));
}

export async function withDatabase<T>(url: string, work: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}
