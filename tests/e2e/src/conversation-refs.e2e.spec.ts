import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityReceivedSchema, busNames, CONSUMERS, SUBJECTS } from '@herald/contracts';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectToNats, MessageBus } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { CONVERSATION_DIRECTORY_ENTITIES, rebuildConversationRefs } from '@herald/router/rebuild';
import { rebuildConversationActivity } from '@herald/router/rebuild-activity';
import { createLogger } from '@herald/telemetry';
import { eventually, fixture, NATS_URL } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

let herald: Herald;
let db: pg.Client;

/** A fixture as Teams would post it to this Herald (serviceUrl of the simulator). */
function posted(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...fixture<Record<string, unknown>>(name), serviceUrl: herald.sim.serviceUrl, ...overrides };
}

async function post(activity: Record<string, unknown>): Promise<void> {
  const token = await herald.sim.mintChannelToken({ serviceUrl: String(activity['serviceUrl']) });
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
}

async function refOf(conversationId: string, until: (row: Record<string, unknown>) => boolean = () => true) {
  return eventually(async () => {
    const { rows } = await db.query('select * from router.conversation_refs where conversation_id = $1', [conversationId]);
    return rows[0] && until(rows[0]) ? (rows[0] as Record<string, unknown>) : undefined;
  }, 10_000, `conversation_refs row of ${conversationId}`);
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

describe('conversation_refs', () => {
  it('records a personal install with the user, tenant and the verified serviceUrl', async () => {
    const activity = posted('conversationUpdate-botAdded-personal.json');
    await post(activity);
    const conversation = activity['conversation'] as { id: string; tenantId: string };
    const row = await refOf(conversation.id);
    expect(row).toMatchObject({
      kind: 'personal',
      installed: true,
      tenant_id: conversation.tenantId,
      service_url: herald.sim.serviceUrl,
      bot_id: (activity['recipient'] as { id: string }).id,
    });
    expect(row['user_id']).toMatch(/^29:/);
  });

  it('records a team install in its General channel', async () => {
    const activity = posted('conversationUpdate-botAdded-team.json');
    await post(activity);
    const row = await refOf((activity['conversation'] as { id: string }).id);
    const team = (activity['channelData'] as { team: { id: string; name?: string } }).team;
    expect(row).toMatchObject({ kind: 'channel', installed: true, team_id: team.id });
  });

  it('install, uninstall and re-install leave one row, installed again', async () => {
    const added = posted('conversationUpdate-botAdded-personal.json', { id: 'f:add-1', conversation: { id: 'a:lifecycle', conversationType: 'personal', tenantId: 'f5ffd8cf-a1aa-4242-adad-86509faa3be5' } });
    await post(added);
    await refOf('a:lifecycle', (row) => row['installed'] === true);
    await post({ ...added, id: 'f:remove-1', type: 'installationUpdate', action: 'remove', membersAdded: undefined, timestamp: '2030-01-01T00:00:00Z' });
    await refOf('a:lifecycle', (row) => row['installed'] === false);
    await post({ ...added, id: 'f:add-2', type: 'installationUpdate', action: 'add', membersAdded: undefined, timestamp: '2030-01-02T00:00:00Z' });
    await refOf('a:lifecycle', (row) => row['installed'] === true);
    const { rows } = await db.query("select count(*)::int as n from router.conversation_refs where conversation_id = 'a:lifecycle'");
    expect(rows[0].n).toBe(1);

    await herald.sim.waitForConnectorCalls((c) => c.conversationId === 'a:lifecycle' && c.method !== 'GET', 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const welcomes = herald.sim.connectorCalls.filter((c) => c.conversationId === 'a:lifecycle' && JSON.stringify(c.body).includes('Welcome to Herald'));
    expect(welcomes, 'exactly one welcome in total').toHaveLength(1);
    expect(welcomes[0]).toMatchObject({ operation: 'sendToConversation' });
  });

  it('welcomes a team in its General channel, and not a conversation whose install was only inferred', async () => {
    const team = posted('conversationUpdate-botAdded-team.json');
    await post(team);
    const teamId = (team['channelData'] as { team: { id: string } }).team.id;
    const [welcome] = await herald.sim.waitForConnectorCalls((c) => c.conversationId === teamId && JSON.stringify(c.body).includes('Welcome to Herald'), 1, 10_000);
    expect(welcome).toMatchObject({ operation: 'sendToConversation' });
    const inferred = (posted('message-personal-dm.json')['conversation'] as { id: string }).id;
    expect(herald.sim.connectorCalls.filter((c) => c.conversationId === inferred && JSON.stringify(c.body).includes('Welcome to Herald'))).toEqual([]);
  });

  it('infers an install from a message in a conversation it never saw, and follows a moved serviceUrl', async () => {
    const message = posted('message-personal-dm.json', { id: 'm-1' });
    await post(message);
    const conversationId = (message['conversation'] as { id: string }).id;
    expect(await refOf(conversationId)).toMatchObject({ installed: true, kind: 'personal' });
    const moved = `${herald.sim.url}/emea/`;
    await post({ ...message, id: 'm-2', serviceUrl: moved });
    expect(await refOf(conversationId, (row) => row['service_url'] === moved)).toMatchObject({ service_url: moved });
  });

  it('keeps each team\'s channels and members, and every conversation\'s last activity', async () => {
    const created = posted('conversationUpdate-channelCreated.json', { timestamp: '2031-01-01T00:00:00Z' });
    await post(created);
    const teamId = (created['channelData'] as { team: { id: string } }).team.id;
    const channels = await eventually(async () => {
      const { rows } = await db.query('select channel_id, name, deleted from router.team_channels where team_id = $1 order by channel_id', [teamId]);
      return rows.length === 2 ? rows : undefined;
    }, 10_000, 'team_channels rows');
    expect(channels).toEqual([
      { channel_id: '19:6d97d816470f481dbcda38244b98689a@thread.skype', name: 'FunDiscussions', deleted: false },
      { channel_id: teamId, name: null, deleted: false }, // the General channel, where the activity came from
    ]);

    const joined = { ...created, id: 'f:member-joined', membersAdded: [{ id: '29:someone', aadObjectId: '00000000-0000-0000-0000-00000000abcd' }], channelData: { team: { id: teamId }, eventType: 'teamMemberAdded', tenant: (created['channelData'] as { tenant: unknown }).tenant } };
    await post(joined);
    const member = () => db.query('select * from router.team_members where team_id = $1', [teamId]).then((r) => r.rows[0]);
    expect(await eventually(member, 10_000, 'team_members row')).toMatchObject({ member_id: '29:someone', aad_object_id: '00000000-0000-0000-0000-00000000abcd', present: true });
    await post({ ...joined, id: 'f:member-left', membersAdded: undefined, membersRemoved: [{ id: '29:someone' }], channelData: { ...(joined.channelData as object), eventType: 'teamMemberRemoved' } });
    expect(await eventually(async () => ((await member())?.present === false ? member() : undefined), 10_000, 'member left')).toMatchObject({ aad_object_id: '00000000-0000-0000-0000-00000000abcd' });

    const chatted = posted('message-personal-dm.json', { id: 'm-late' });
    const conversationId = (chatted['conversation'] as { id: string }).id;
    const earlier = (await refOf(conversationId))['last_activity_at'] as Date;
    await new Promise((resolve) => setTimeout(resolve, 20));
    const sent = Date.now();
    await post(chatted);
    const row = await refOf(conversationId, (r) => (r['last_activity_at'] as Date).getTime() >= sent);
    expect((row['last_activity_at'] as Date).getTime()).toBeGreaterThan(earlier.getTime());
  });

  it('rebuilds to identical rows: drop, replay the stream, compare the table dumps', async () => {
    const dump = async () => ({
      refs: (await db.query('select * from router.conversation_refs order by conversation_id')).rows,
      activity: (await db.query('select * from router.conversation_activity order by conversation_id')).rows,
      channels: (await db.query('select * from router.team_channels order by team_id, channel_id')).rows,
      members: (await db.query('select * from router.team_members order by team_id, member_id')).rows,
    });
    const connection = await connectToNats({ url: NATS_URL, name: 'rebuild', logger: createLogger({ service: 'test', level: 'silent' }) });
    // The live projections first take in everything recorded so far, else the dump would be of a moment the rebuild cannot reproduce.
    await eventually(() => caughtUp(connection), 15_000, 'projections caught up with their streams');
    const before = await dump();
    expect(before.refs.length).toBeGreaterThanOrEqual(4);
    expect(before.channels.length).toBeGreaterThanOrEqual(1);
    expect(before.members.length).toBeGreaterThanOrEqual(1);
    expect(before.activity.length).toBeGreaterThanOrEqual(4);
    const database = await openDatabase({ url: herald.databaseUrl, schema: 'router', entities: CONVERSATION_DIRECTORY_ENTITIES, migrations: [], applicationName: 'rebuild-test' });
    try {
      const bus = new MessageBus(connection, busNames(herald.prefix));
      const { events } = await rebuildConversationRefs(database, bus);
      expect(events).toBeGreaterThanOrEqual(before.refs.length);
      expect((await rebuildConversationActivity(database, bus)).events).toBe(before.activity.length);
    } finally {
      await database.close();
      await connection.close();
    }
    expect(await dump()).toEqual(before);
  });

  it('an activity stored again after the de-duplication window changes no projection and sends no second reply', async () => {
    const message = posted('message-personal.json', { id: 'm-redelivered', text: 'help', conversation: { id: 'a:redelivered', conversationType: 'personal', tenantId: 'f5ffd8cf-a1aa-4242-adad-86509faa3be5' } });
    await post(message);
    await herald.sim.waitForConnectorCalls((c) => c.conversationId === 'a:redelivered' && c.method !== 'GET', 1, 10_000);
    const row = await refOf('a:redelivered');
    const connection = await connectToNats({ url: NATS_URL, name: 'again', logger: createLogger({ service: 'test', level: 'silent' }) });
    try {
      const names = busNames(herald.prefix);
      const jsm = await jetstreamManager(connection);
      const stored = await jsm.streams.getMessage(names.stream('inbound').name, { last_by_subj: names.subject(SUBJECTS.activityReceived) });
      const received = activityReceivedSchema.parse(stored!.json());
      expect(received.data.activity.id).toBe('m-redelivered');
      const conversationsBefore = (await jsm.streams.info(names.stream('conversations').name)).state.messages;
      // A new msgID defeats JetStream's de-duplication, as a re-publish after the window would.
      await new MessageBus(connection, names).publish(SUBJECTS.activityReceived, received, { msgID: 'after-the-window' });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect((await jsm.streams.info(names.stream('conversations').name)).state.messages).toBe(conversationsBefore);
      expect(await refOf('a:redelivered')).toEqual(row);
      expect(herald.sim.connectorCalls.filter((c) => c.conversationId === 'a:redelivered' && c.method !== 'GET')).toHaveLength(1);
    } finally {
      await connection.close();
    }
  });
});

/** True once the router recorded every stored activity and both directory projections applied their streams to the end. */
async function caughtUp(connection: Awaited<ReturnType<typeof connectToNats>>): Promise<true | undefined> {
  const names = busNames(herald.prefix);
  const jsm = await jetstreamManager(connection);
  const recording = await jsm.consumers.info(names.stream('inbound').name, CONSUMERS.routerConversations);
  if (recording.num_pending > 0 || recording.num_ack_pending > 0) return undefined;
  for (const [stream, projection] of [['conversations', 'conversation-refs'], ['conversationActivity', 'conversation-activity']] as const) {
    const last = (await jsm.streams.info(names.stream(stream).name)).state.last_seq;
    const { rows } = await db.query('select position from router.projection_checkpoints where projection = $1', [projection]);
    if (Number(rows[0]?.position ?? 0) < last) return undefined;
  }
  return true;
}
