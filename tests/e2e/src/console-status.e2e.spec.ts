import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleAuthor, NotificationEngagement, NotificationStatus } from '@herald/contracts';
import { eventually, fixture } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';
import { EventStreamReader, type ServerSentEvent } from './console-sse.js';

/**
 * Issue 13, following a sent message (items 3 and 5): the console's list with live counts, the
 * status over server-sent events as recipients settle, acknowledgements and reactions, the
 * recipients paged and as CSV, and the reach of a group — each for the author's tenant only.
 * The message is drafted and sent through the console's messages API, as an author does.
 */
const MEGAN = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';
const MEMBERS = 12;
let MESSAGE: string;
let NOTIFICATION: string;

let herald: Herald;
let db: pg.Client;
let author: ConsoleAuthor;
let token: string;
let group: { id: string; displayName: string };

type Snapshot = { state: string; status: NotificationStatus | null; engagement: NotificationEngagement | null };
const snapshot = (event: ServerSentEvent) => event.data as Snapshot;
const api = (path: string, as = token) => request(herald.gatewayUrl).get(`/api/v1/console${path}`).set('Authorization', `Bearer ${as}`);
const post = (path: string, body: object) => request(herald.gatewayUrl).post(`/api/v1/console${path}`).set('Authorization', `Bearer ${token}`).send(body);

beforeAll(async () => {
  herald = await startHerald({ graphSync: true, env: { HERALD_AUTHORS: 'meganb@contoso.example' } });
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  const members = herald.sim.seedDirectory({ users: MEMBERS });
  group = herald.sim.createGroup({ displayName: 'Comms readers', memberIds: members.map((member) => member.id) });
  token = await herald.sim.mintUserSsoToken({ aadObjectId: MEGAN });
  author = (await api('/me').expect(200)).body as ConsoleAuthor;
  const drafted = await post('/messages', { title: 'Town hall, Friday', summary: 'Bring questions', acknowledge: true, audience: { groups: [{ groupId: group.id, name: group.displayName }] } }).expect(201);
  MESSAGE = drafted.body.id as string;
  NOTIFICATION = `console-${MESSAGE}`;
}, 120_000);

afterAll(async () => {
  await db?.end();
  await herald?.close();
});

describe('following a sent console message', () => {
  it('streams its status from draft to every recipient Delivered on one connection, and the list shows its counts', async () => {
    const stream = await EventStreamReader.open(`${herald.gatewayUrl}/api/v1/console/messages/${MESSAGE}/events`, token);
    try {
      expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.response.headers.get('cache-control')).toMatch(/no-cache/);
      expect(stream.response.headers.get('x-accel-buffering')).toBe('no');
      expect(snapshot(await stream.waitFor(() => true, 10_000, 'first status'))).toEqual({ state: 'draft', status: null, engagement: null });

      expect((await post(`/messages/${MESSAGE}/send`, {}).expect(202)).body).toMatchObject({ id: MESSAGE, notificationId: NOTIFICATION });

      const done = await stream.waitFor((event) => snapshot(event).state === 'sent', 90_000, 'all delivered');
      expect(snapshot(done).status).toMatchObject({ state: 'completed', total: MEMBERS, sent: MEMBERS, buckets: { Delivered: MEMBERS, Failed: 0, Unknown: 0, NotInstalled: 0, Skipped: 0, Held: 0 } });
      const states = stream.events.map((event) => snapshot(event).state);
      expect(states[0]).toBe('draft');
      expect(states.length, 'draft, then sending as recipients settle, then sent').toBeGreaterThanOrEqual(3);
      expect(states).toContain('sending');
      const delivered = stream.events.map((event) => snapshot(event).status?.buckets.Delivered ?? 0);
      expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
      expect(stream.events.every((event) => event.event === 'status')).toBe(true);
    } finally {
      stream.close();
    }

    const list = await api('/messages').expect(200);
    expect(list.body.messages[0]).toMatchObject({ id: MESSAGE, title: 'Town hall, Friday', state: 'sent', author: { aadObjectId: MEGAN }, notificationId: NOTIFICATION, total: MEMBERS, buckets: { Delivered: MEMBERS } });
    expect((await api('/messages?state=draft').expect(200)).body.messages).toEqual([]);
    expect((await api('/messages?state=bogus').expect(400)).body).toMatchObject({ field: 'state' });
  }, 120_000);

  it('an acknowledgement (the card\'s button) and a reaction show up in its engagement, live', async () => {
    const stream = await EventStreamReader.open(`${herald.gatewayUrl}/api/v1/console/messages/${MESSAGE}/events`, token);
    try {
      expect(snapshot(await stream.waitFor(() => true, 10_000, 'first status')).engagement).toEqual({ notificationId: NOTIFICATION, acknowledged: 0, reactions: {} });
      const { rows } = await db.query<{ conversation_id: string; activity_id: string }>('select conversation_id, activity_id from notifier.notification_recipients where notification_id = $1 order by recipient_key limit 2', [NOTIFICATION]);
      const [first, second] = rows as [{ conversation_id: string; activity_id: string }, { conversation_id: string; activity_id: string }];
      await pressAcknowledge(first.conversation_id, first.activity_id);
      await react(second.conversation_id, second.activity_id, 'like');
      const engaged = await stream.waitFor((event) => snapshot(event).engagement?.acknowledged === 1 && snapshot(event).engagement?.reactions['like'] === 1, 20_000, 'engagement');
      expect(snapshot(engaged).engagement).toEqual({ notificationId: NOTIFICATION, acknowledged: 1, reactions: { like: 1 } });
    } finally {
      stream.close();
    }
  }, 60_000);

  it('pages its recipients, filters them by bucket, and names a bad filter', async () => {
    const keys: string[] = [];
    let after: string | null = null;
    do {
      const page = await api(`/messages/${MESSAGE}/recipients?limit=5${after ? `&after=${encodeURIComponent(after)}` : ''}`).expect(200);
      expect(page.body.recipients.length).toBeLessThanOrEqual(5);
      keys.push(...page.body.recipients.map((recipient: { recipientKey: string; bucket: string }) => recipient.recipientKey));
      after = page.body.next as string | null;
    } while (after);
    expect(new Set(keys).size).toBe(MEMBERS);
    expect((await api(`/messages/${MESSAGE}/recipients?bucket=Delivered`).expect(200)).body.recipients).toHaveLength(MEMBERS);
    expect((await api(`/messages/${MESSAGE}/recipients?bucket=Failed`).expect(200)).body.recipients).toEqual([]);
    expect((await api(`/messages/${MESSAGE}/recipients?bucket=Lost`).expect(400)).body).toMatchObject({ field: 'bucket' });
    expect((await api(`/messages/${MESSAGE}/recipients?limit=0`).expect(400)).body).toMatchObject({ field: 'limit' });
  });

  it('downloads every recipient and outcome as CSV', async () => {
    const response = await api(`/messages/${MESSAGE}/recipients.csv`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    }).expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toContain('attachment; filename="Town hall, Friday-recipients.csv"');
    const text = response.body as string;
    expect(text.startsWith('\uFEFFrecipient,bucket,reason,conversationId,attempts,settledAt\r\n')).toBe(true);
    const records = text.slice(1).split('\r\n').slice(1, -1);
    expect(records).toHaveLength(MEMBERS);
    const { rows } = await db.query<{ recipient_key: string }>('select recipient_key from notifier.notification_recipients where notification_id = $1 order by recipient_key', [NOTIFICATION]);
    expect(records.map((record) => record.split(',')[0])).toEqual(rows.map((row) => row.recipient_key));
    expect(records.every((record) => record.split(',')[1] === 'Delivered')).toBe(true);
  });

  it('estimates the reach of the group before sending: its members', async () => {
    const reach = await request(herald.gatewayUrl).post('/api/v1/console/reach').set('Authorization', `Bearer ${token}`).send({ audience: { groups: [{ groupId: group.id }], teams: [{ teamId: '19:general@thread.tacv2' }] } }).expect(200);
    expect(reach.body).toEqual({ estimated: MEMBERS + 1, complete: true, parts: [{ kind: 'team', id: '19:general@thread.tacv2', count: 1 }, { kind: 'group', id: group.id, count: MEMBERS }] });
    const bad = await request(herald.gatewayUrl).post('/api/v1/console/reach').set('Authorization', `Bearer ${token}`).send({ audience: { groups: [{ groupId: 'not-a-uuid' }] } }).expect(400);
    expect(bad.body.field).toBe('audience.groups.0.groupId');
  });

  it("finds the group by name in the author's tenant", async () => {
    const found = await api('/groups?search=Comms').expect(200);
    expect(found.body.value.map((g: { id: string }) => g.id)).toContain(group.id);
    expect((await api('/groups').expect(400)).body).toMatchObject({ field: 'search' });
  });

  it('says a stream is alive every 15 s while nothing changes', async () => {
    const stream = await EventStreamReader.open(`${herald.gatewayUrl}/api/v1/console/messages/${MESSAGE}/events`, token);
    try {
      await stream.waitFor(() => true, 10_000, 'first status');
      await eventually(() => (stream.comments > 0 ? true : undefined), 20_000, 'a keep-alive comment');
      expect(stream.events).toHaveLength(1);
    } finally {
      stream.close();
    }
  }, 30_000);

  it('lists the teams Herald was added to, with their channels, for the audience picker', async () => {
    const team = fixture<Record<string, unknown>>('conversationUpdate-botAdded-team.json');
    const teamId = '19:8d46058cda57449380517cc374727f2a@thread.tacv2';
    const inTenant = { serviceUrl: herald.sim.serviceUrl, recipient: { id: `28:${herald.sim.appId}`, name: 'Herald' } };
    const tenant = { id: author.tenantId };
    await herald.sim.postActivity({ ...team, ...inTenant, conversation: { ...(team['conversation'] as object), tenantId: author.tenantId }, channelData: { ...(team['channelData'] as object), tenant } });
    const channel = fixture<Record<string, unknown>>('conversationUpdate-channelCreated.json');
    await herald.sim.postActivity({ ...channel, ...inTenant, conversation: { isGroup: true, conversationType: 'channel', id: teamId, tenantId: author.tenantId }, channelData: { ...(channel['channelData'] as object), team: { id: teamId }, tenant } });
    const teams = await eventually(async () => {
      const answer = await api('/teams?search=sentry').expect(200);
      return answer.body.teams[0]?.channels.length === 2 ? answer.body.teams : undefined;
    }, 15_000, 'the team and its channel');
    expect(teams).toEqual([{ teamId, name: 'testsentry', aadGroupId: 'c2d5a19b-f3a9-48ed-ade3-fc41aa861a18', channels: [{ channelId: teamId, name: null }, { channelId: '19:6d97d816470f481dbcda38244b98689a@thread.skype', name: 'FunDiscussions' }] }]);
    expect((await api('/teams?search=nothing-like-it').expect(200)).body).toEqual({ teams: [] });
  });

  it("shows nothing of it to an author of another tenant, and nothing to someone who is not signed in", async () => {
    const elsewhere = await herald.sim.mintUserSsoToken({ aadObjectId: MEGAN, tenantId: 'a3b1c2d4-0000-4000-8000-0000000000e2' });
    const list = await api('/messages', elsewhere).expect(200);
    expect(list.body.messages.map((m: { id: string }) => m.id)).not.toContain(MESSAGE);
    await api(`/messages/${MESSAGE}/recipients`, elsewhere).expect(404);
    await api(`/messages/${MESSAGE}/recipients.csv`, elsewhere).expect(404);
    await api(`/messages/${MESSAGE}/events`, elsewhere).expect(404);
    await request(herald.gatewayUrl).get('/api/v1/console/messages').expect(401);
  });
});

describe('shutting down', () => {
  it('ends the status streams still open, so the gateway never waits on a browser tab', async () => {
    const stream = await EventStreamReader.open(`${herald.gatewayUrl}/api/v1/console/messages/${MESSAGE}/events`, token);
    await stream.waitFor(() => true, 10_000, 'first status');
    const closed = await Promise.race([herald.gateway.close().then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 8_000))]);
    expect(closed).toBe('closed');
    await eventually(() => (stream.ended ? true : undefined), 2_000, 'the stream ended');
  }, 20_000);
});

/** The member presses the card's Acknowledge button in Teams: `adaptiveCard/action` with the button's verb and data. */
async function pressAcknowledge(conversationId: string, activityId: string): Promise<void> {
  const posted = herald.sim.connectorCalls.find((call) => call.method === 'POST' && call.conversationId === conversationId && JSON.stringify(call.body).includes('"verb":"acknowledge"'));
  const card = (posted!.body as { attachments: { content: { actions: { verb?: string; data?: unknown }[] } }[] }).attachments[0]!.content;
  const button = card.actions.find((action) => action.verb === 'acknowledge')!;
  const answer = await herald.sim.postActivity(fromMember(conversationId, { type: 'invoke', name: 'adaptiveCard/action', replyToId: activityId, value: { action: { type: 'Action.Execute', verb: 'acknowledge', data: button.data }, trigger: 'manual' } }));
  expect(answer.status).toBe(200);
}

/** The member reacts to the message in Teams (`messageReaction`). */
async function react(conversationId: string, activityId: string, reaction: string): Promise<void> {
  const answer = await herald.sim.postActivity(fromMember(conversationId, { type: 'messageReaction', replyToId: activityId, reactionsAdded: [{ type: reaction }] }));
  expect(answer.status).toBe(200);
}

function fromMember(conversationId: string, activity: Record<string, unknown>): Record<string, unknown> {
  const { tenantId } = author;
  return {
    id: `${Date.now()}${Math.floor(Math.random() * 1_000)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: herald.sim.serviceUrl,
    from: { id: `29:member-of-${conversationId}`, aadObjectId: `aad-${conversationId}` },
    recipient: { id: `28:${herald.sim.appId}`, name: 'Herald' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    ...activity,
  };
}
