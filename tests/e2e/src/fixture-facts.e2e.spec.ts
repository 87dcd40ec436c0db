import pg from 'pg';
import request from 'supertest';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID } from '@herald/config';
import { busNames, SUBJECTS } from '@herald/contracts';
import { connectToNats, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { activityFixtureNames, eventually, fixture, NATS_URL } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

let herald: Herald;
let nats: NatsConnection;
let db: pg.Client;

/** Each conversation fixture in a conversation of its own, so what it yields does not depend on the others. */
function asPosted(name: string) {
  const activity = fixture<Record<string, unknown> & { conversation?: Record<string, unknown> }>(name);
  return {
    channelId: 'msteams',
    from: { id: '29:fixture-user' },
    recipient: { id: `28:${DEV_APP_ID}` },
    ...activity,
    conversation: { ...(activity.conversation ?? { conversationType: 'personal', tenantId: herald.sim.tenantId }), id: `a:facts-${name}` },
    serviceUrl: herald.sim.serviceUrl,
  };
}

async function eventsOf(conversationId: string) {
  const names = busNames(herald.prefix);
  const token = Buffer.from(conversationId).toString('base64url');
  const consumer = await jetstream(nats).consumers.get(names.stream('conversations').name, { filter_subjects: names.subject(SUBJECTS.conversation(token)) });
  const events: { type: string; data: Record<string, unknown> }[] = [];
  for await (const message of await consumer.fetch({ max_messages: 100, expires: 1_000 })) {
    events.push(message.json());
    if (message.info.pending === 0) break;
  }
  await consumer.delete().catch(() => undefined);
  return events;
}

beforeAll(async () => {
  herald = await startHerald();
  await herald.startRouter();
  nats = await connectToNats({ url: NATS_URL, name: 'test', logger: createLogger({ service: 'test', level: 'silent' }) });
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await nats?.close();
  await herald?.close();
});

type Expected = { events: string[]; row?: Record<string, unknown> };
const PERSONAL_SENTRY = { kind: 'personal', installed: true, tenant_id: 'f5ffd8cf-a1aa-4242-adad-86509faa3be5', user_aad_object_id: 'a6de2a64-9501-4e16-9e50-74df223570a3', team_id: null };
const CHAT_SDK_CHANNEL = { kind: 'channel', installed: true, tenant_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', team_id: '19:8j-Mnacwmq2QFDbzykeQH5v55m6cN1X3QJ5viHvGIIQ1@thread.tacv2', user_id: null };
const DOCS_CHANNEL = { kind: 'channel', installed: true, tenant_id: '72f988bf-86f1-41af-91ab-2d7cd011db47', team_id: '19:efa9296d959346209fea44151c742e73@thread.skype' };

/**
 * What each conversation fixture yields, alone in a fresh conversation: the conversation events
 * recorded and the `conversation_refs` row. A removal of a conversation Herald never knew records
 * nothing (there is nothing to uninstall, and no reference to keep).
 */
const EXPECTED: Record<string, Expected> = {
  'conversationUpdate-botAdded-personal.json': { events: ['ConversationInstalled'], row: { ...PERSONAL_SENTRY, bot_id: '28:5710acff-f313-453f-8b75-44fff54bab14' } },
  'conversationUpdate-botAdded-team.json': { events: ['ConversationInstalled'], row: { kind: 'channel', installed: true, team_id: '19:8d46058cda57449380517cc374727f2a@thread.tacv2', team_name: 'testsentry' } },
  'conversationUpdate-botRemoved-team.json': { events: [] },
  'conversationUpdate-channelCreated.json': { events: ['ConversationInstalled', 'ChannelCreated'], row: DOCS_CHANNEL },
  'conversationUpdate-teamMemberRemoved-user.json': { events: ['ConversationInstalled', 'MembersLeft'], row: DOCS_CHANNEL },
  'installationUpdate-add-docs.json': { events: ['ConversationInstalled'], row: { kind: 'channel', installed: true, team_name: 'TestTeam2022', channel_name: '2021 Test Channel' } },
  'installationUpdate-add-team.json': { events: ['ConversationInstalled'], row: { kind: 'channel', installed: true, team_name: 'Sales and Marketing', tenant_id: 'ce067f64-338d-44a0-89fb-7fc8973e254f' } },
  'installationUpdate-remove-minimal.json': { events: [] },
  'message-action-submit-value.json': { events: ['ConversationInstalled'], row: { ...CHAT_SDK_CHANNEL, channel_name: 'Chat SDK' } },
  'message-channel-mention-thread-reply.json': { events: ['ConversationInstalled'], row: { kind: 'channel', installed: true, tenant_id: '50612dbb-0237-4969-b378-8d42590f9c00' } },
  'message-channel-mention.json': { events: ['ConversationInstalled'], row: CHAT_SDK_CHANNEL },
  'message-personal-dm.json': { events: ['ConversationInstalled'], row: { kind: 'personal', installed: true, user_aad_object_id: '00000000-1111-2222-3333-444444444444' } },
  'message-personal.json': { events: ['ConversationInstalled'], row: PERSONAL_SENTRY },
  'messageReaction-like.json': { events: ['ConversationInstalled'], row: CHAT_SDK_CHANNEL },
  'messageReaction-unlike.json': { events: ['ConversationInstalled'], row: DOCS_CHANNEL },
};

describe('every conversation fixture, through the gateway, in a conversation of its own', () => {
  it('has an expectation for each such fixture', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(activityFixtureNames().filter((n) => /^(conversationUpdate|installationUpdate|message)/.test(n)).sort());
  });

  it.each(Object.entries(EXPECTED))('%s yields the expected events and row', async (name, expected) => {
    const activity = asPosted(name);
    const token = await herald.sim.mintChannelToken({ serviceUrl: activity.serviceUrl });
    const posted = Date.now();
    expect((await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity)).status).toBe(200);
    const conversationId = activity.conversation.id;
    // The ConversationActive marker comes after the conversation's events: once it is there, they all are.
    await eventually(async () => (await activeMarker(conversationId)) ?? undefined, 10_000, 'activity recorded');
    expect((await eventsOf(conversationId)).map((event) => event.type)).toEqual(expected.events);
    if (!expected.row) {
      expect((await db.query('select 1 from router.conversation_refs where conversation_id = $1', [conversationId])).rows).toEqual([]);
      return;
    }
    const row = await eventually(async () => (await db.query('select * from router.conversation_refs where conversation_id = $1', [conversationId])).rows[0] as Record<string, unknown> | undefined, 10_000, 'conversation_refs row');
    expect(row).toMatchObject({ ...expected.row, service_url: herald.sim.serviceUrl });
    expect((row['last_activity_at'] as Date).getTime()).toBeGreaterThanOrEqual(posted - 1_000);
  });
});

async function activeMarker(conversationId: string) {
  const names = busNames(herald.prefix);
  const jsm = await jetstreamManager(nats);
  const token = Buffer.from(conversationId).toString('base64url');
  return jsm.streams.getMessage(names.stream('conversationActivity').name, { last_by_subj: names.subject(SUBJECTS.conversationActivity(token)) });
}
