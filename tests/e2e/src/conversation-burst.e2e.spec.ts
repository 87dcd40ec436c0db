import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * Many conversations at once, each with several activities: every consumer of the conversation
 * events sees every install. (On nats-server 2.9 a subject rollup on the CONVERSATIONS stream made
 * its consumers skip messages; the activity markers now live in a stream of their own.)
 */
const CONVERSATIONS = 40;
const ROUNDS = 3;
let herald: Herald;
let db: pg.Client;

async function post(conversation: number, round: number): Promise<void> {
  const base = fixture<Record<string, unknown>>('message-personal.json');
  const activity = {
    ...base,
    id: `burst-${conversation}-${round}`,
    text: 'hello',
    serviceUrl: herald.sim.serviceUrl,
    from: { id: `29:burst-${conversation}`, aadObjectId: `00000000-0000-4000-8000-${String(conversation).padStart(12, '0')}` },
    conversation: { ...(base['conversation'] as object), id: `a:burst-${conversation}` },
  };
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
}

beforeAll(async () => {
  herald = await startHerald();
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await herald?.close();
});

describe('a burst of conversations', () => {
  it('reaches the router directory and the notifier, with the last activity of each', async () => {
    let lastRoundStarted = 0;
    for (let round = 0; round < ROUNDS; round++) {
      lastRoundStarted = Date.now();
      await Promise.all(Array.from({ length: CONVERSATIONS }, (_, conversation) => post(conversation, round)));
    }
    const everyOne = Array.from({ length: CONVERSATIONS }, (_, conversation) => `a:burst-${conversation}`).sort();
    const idsOf = async (sql: string) => (await db.query(sql)).rows.map((row: { conversation_id: string }) => row.conversation_id).sort();
    const all = (sql: string, what: string) => eventually(async () => {
      const ids = await idsOf(sql);
      return ids.length >= CONVERSATIONS ? ids : undefined;
    }, 15_000, what);
    expect(await all('select conversation_id from router.conversation_refs where installed', 'conversation_refs')).toEqual(everyOne);
    expect(await all('select conversation_id from notifier.known_conversations where installed', 'known_conversations')).toEqual(everyOne);
    const lastRound = `select conversation_id from router.conversation_refs where last_activity_at >= to_timestamp(${(lastRoundStarted - 1_000) / 1_000})`;
    expect(await all(lastRound, 'last activity of the last round')).toEqual(everyOne);
  });
});
