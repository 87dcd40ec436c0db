import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, metadataFor, SUBJECTS, syncDirectoryAnswerSchema } from '@herald/contracts';
import { connectToNats, MessageBus } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { busiestWindow, eventually, NATS_URL } from '@herald/testing';
import { installPersonalChat, startHerald, type Herald } from './herald-harness.js';
import { settledRecipients } from './settled-recipients.js';
import { textsTo } from './chat-transcript.js';

/**
 * Issue 12's acceptance at test size: a group most of whose members never installed the app.
 * graph-sync installs it for them within Graph's limits, reads each chat from Graph, and the
 * notifier delivers there at once, whether or not Teams sends a conversationUpdate afterwards.
 */
const API_KEY = 'graph-install-key';
const MEMBERS = 290;
const GUESTS = 10;
const KNOWN = 50;
const INSTALLS_PER_SECOND = 30;

let herald: Herald;
let db: pg.Client;

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY }, graphSync: true });
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await herald?.close();
});

const settle = (body: object, timeoutMs = 60_000) => settledRecipients(herald.gatewayUrl, API_KEY, db, body, { timeoutMs });

/** Someone who installed the app earlier: Teams told Herald of their chat (`from.aadObjectId` is their Entra id). */
async function knownChat(userId: string): Promise<string> {
  const installation = herald.sim.installApp(userId)!;
  const teamsId = `29:${userId}`;
  await installPersonalChat(herald, installation.chatId, { userId: teamsId, tenantId: herald.sim.tenantId, extra: { from: { id: teamsId, aadObjectId: userId }, channelData: { tenant: { id: herald.sim.tenantId } } } });
  await eventually(async () => (await db.query('select 1 from notifier.known_conversations where conversation_id = $1 and installed', [installation.chatId])).rowCount || undefined, 15_000, 'chat known');
  return installation.chatId;
}

/** The chat each recipient of the latest notification was delivered in, by recipient key. */
async function chatsOfLatest(): Promise<Map<string, string>> {
  const { rows } = await db.query<{ recipient_key: string; conversation_id: string }>(
    `select recipient_key, conversation_id from notifier.notification_recipients
     where bucket = 'Delivered' and notification_id = (select notification_id from notifier.notification_status order by requested_at desc limit 1)`,
  );
  return new Map(rows.map((row) => [row.recipient_key, row.conversation_id]));
}

/** The Bot Connector's answers to Herald's posts of `text` into the chat (its welcome and others left out). */
function postsOf(conversationId: string, text: string): number[] {
  return herald.sim.connectorCalls
    .filter((call) => call.conversationId === conversationId && call.method === 'POST' && (call.body as { text?: string }).text === text)
    .map((call) => call.status);
}

/** graph-sync syncs the sim tenant's directory now, and the notifier has every user of it. */
async function syncDirectory(): Promise<void> {
  const { sim } = herald;
  const connection = await connectToNats({ url: NATS_URL, name: 'directory-sync', logger: createLogger({ service: 'test', level: 'silent' }) });
  try {
    const bus = new MessageBus(connection, busNames(herald.prefix));
    const request = { type: 'SyncDirectoryRequested', data: { tenantId: sim.tenantId }, metadata: metadataFor({ occurredAt: new Date() }) };
    expect(syncDirectoryAnswerSchema.parse(await bus.request(SUBJECTS.syncDirectoryRequest, request, 30_000)).status).toBe('synced');
  } finally {
    await connection.close();
  }
  const users = sim.directoryUserIds().length;
  await eventually(async () => Number((await db.query('select count(*) from notifier.directory_people where tenant_id = $1', [sim.tenantId])).rows[0].count) === users || undefined, 15_000, 'directory projected');
}


describe('a notification to a group most of whose members never installed the app', () => {
  it('reaches every member but guests, installing the app within 30 a second and nobody twice', async () => {
    const { sim } = herald;
    const users = sim.seedDirectory({ users: MEMBERS, guests: GUESTS });
    for (const user of users.slice(0, KNOWN)) await knownChat(user.id);
    const group = sim.createGroup({ displayName: 'Everyone at Contoso', memberIds: users.map((u) => u.id) });
    sim.setInstallEvents('sometimes');

    const settled = await settle({ recipients: [{ groupId: group.id, tenantId: sim.tenantId }], text: 'Town hall at 3' }, 90_000);

    const buckets = settled.reduce<Record<string, number>>((counts, [, bucket, code]) => ({ ...counts, [`${bucket}${code ? `(${code})` : ''}`]: (counts[`${bucket}${code ? `(${code})` : ''}`] ?? 0) + 1 }), {});
    expect(buckets).toEqual({ 'Delivered(Installed)': MEMBERS - KNOWN, Delivered: KNOWN, 'Skipped(guest)': GUESTS });
    const installs = sim.installs.filter((install) => install.tenantId === sim.tenantId.toLowerCase() || install.tenantId === sim.tenantId);
    const created = installs.filter((install) => install.status === 201);
    expect(created).toHaveLength(MEMBERS - KNOWN);
    expect(new Set(created.map((install) => install.userId)).size).toBe(MEMBERS - KNOWN);
    expect(busiestWindow(installs.map((install) => install.at), 1_000)).toBeLessThanOrEqual(INSTALLS_PER_SECOND);
    // Half the installs were announced by a conversationUpdate: the chat it names is the one already delivered to.
    expect(created.filter((install) => install.conversationUpdate).length).toBeGreaterThan(0);

    const chats = await chatsOfLatest();
    expect(new Set(chats.values()).size).toBe(MEMBERS);
    for (const chat of chats.values()) expect(textsTo(sim, chat).filter((text) => text === 'Town hall at 3')).toEqual(['Town hall at 3']);
    const sentInAll = sim.connectorCalls.filter((call) => call.method === 'POST' && (call.body as { text?: string }).text === 'Town hall at 3');
    expect(sentInAll).toHaveLength(MEMBERS);

    // The announced installs merged into the chats graph-sync discovered: one personal chat per person.
    await eventually(async () => {
      const { rows } = await db.query<{ people: string; chats: string }>(
        `select count(distinct user_aad_object_id) as people, count(*) as chats from notifier.known_conversations where kind = 'personal' and installed and tenant_id = $1`,
        [sim.tenantId],
      );
      return Number(rows[0]!.chats) === MEMBERS && Number(rows[0]!.people) === MEMBERS ? true : undefined;
    }, 15_000, 'one chat per member');
  }, 150_000);

  it('sends a second notification to the chats it now knows, with no Graph install at all', async () => {
    const { sim } = herald;
    const installsBefore = sim.installs.length;
    const group = sim.createGroup({ displayName: 'First ten', memberIds: sim.directoryUserIds().slice(0, 10) });
    const settled = await settle({ recipients: [{ groupId: group.id, tenantId: sim.tenantId }], text: 'Second round' });
    expect(settled.map(([, bucket, code]) => `${bucket}:${code}`)).toEqual(Array(10).fill('Delivered:null'));
    expect(sim.installs.length).toBe(installsBefore);
  });
});

describe('a personal chat Teams refuses', () => {
  it('is repaired once: the app is reinstalled, the chat read again, the copy delivered (Reinstalled)', async () => {
    const { sim } = herald;
    const [person] = sim.seedDirectory({ users: 1 });
    await syncDirectory();
    const chat = await knownChat(person!.id);
    sim.uninstallApp(person!.id);

    const settled = await settle({ recipients: [{ aadObjectId: person!.id, tenantId: sim.tenantId }], text: 'Are you still there?' });

    expect(settled).toEqual([[chat, 'Delivered', 'Reinstalled']]);
    expect(sim.installs.filter((install) => install.userId === person!.id).map((install) => install.status)).toEqual([201]);
    // The send Teams refused, then the one after the reinstall.
    expect(postsOf(chat, 'Are you still there?')).toEqual([403, 201]);
  });

  it('that cannot be repaired ends Failed with Teams\' code after one reinstall attempt, never a loop', async () => {
    const { sim } = herald;
    const [person] = sim.seedDirectory({ users: 1 });
    await syncDirectory();
    const chat = await knownChat(person!.id);
    sim.uninstallApp(person!.id);
    sim.failGraph({ status: 403, method: 'POST', path: `/v1.0/users/${person!.id}/teamwork/installedApps` });

    const settled = await settle({ recipients: [{ aadObjectId: person!.id, tenantId: sim.tenantId }], text: 'Knock knock' });

    expect(settled).toEqual([[chat, 'Failed', 'BotNotInConversationRoster']]);
    expect(postsOf(chat, 'Knock knock')).toEqual([403]);
    expect(sim.installs.filter((install) => install.userId === person!.id).map((install) => install.status)).toEqual([]);
    sim.failGraph(undefined);
  });

  it('gone for good (404 ConversationNotFound even after Graph answers the chat again) ends Failed after exactly one retry', async () => {
    const { sim } = herald;
    const [person] = sim.seedDirectory({ users: 1 });
    await syncDirectory();
    const chat = await knownChat(person!.id);
    sim.failConversation(chat, { status: 404, code: 'ConversationNotFound' });

    const settled = await settle({ recipients: [{ aadObjectId: person!.id, tenantId: sim.tenantId }], text: 'Anyone home?' });

    expect(settled).toEqual([[chat, 'Failed', 'ConversationNotFound']]);
    // The send, and the one retry into the chat Graph answered (the app was installed: nothing to reinstall).
    expect(postsOf(chat, 'Anyone home?')).toEqual([404, 404]);
    expect(sim.installs.filter((install) => install.userId === person!.id)).toEqual([]);
    sim.clearFaults();
  });

  it('someone who installed the app outside Herald (already installed, 409 territory) is delivered without a new install', async () => {
    const { sim } = herald;
    const [person] = sim.seedDirectory({ users: 1 });
    await syncDirectory();
    const installation = sim.installApp(person!.id)!;
    const settled = await settle({ recipients: [{ aadObjectId: person!.id, tenantId: sim.tenantId }], text: 'Hello again' });
    expect(settled).toEqual([[`aad:${person!.id}`, 'Delivered', null]]);
    expect(postsOf(installation.chatId, 'Hello again')).toEqual([201]);
    expect(sim.installs.filter((install) => install.userId === person!.id)).toEqual([]);
  });
});

describe('Graph throttling installs', () => {
  it('429 bursts only slow the installs down: everyone is still Delivered once', async () => {
    const { sim } = herald;
    const users = sim.seedDirectory({ users: 40 });
    const group = sim.createGroup({ displayName: 'Throttled', memberIds: users.map((u) => u.id) });
    sim.graphLimits({ installsPerTenantPerSecond: 10 });
    const throttledBefore = sim.graphThrottled;
    try {
      const settled = await settle({ recipients: [{ groupId: group.id, tenantId: sim.tenantId }], text: 'Slowly now' }, 60_000);
      expect(settled.map(([, bucket, code]) => `${bucket}:${code}`)).toEqual(Array(40).fill('Delivered:Installed'));
      expect(sim.graphThrottled).toBeGreaterThan(throttledBefore);
      expect(new Set(sim.installs.filter((i) => i.status === 201 && users.some((u) => u.id === i.userId)).map((i) => i.userId)).size).toBe(40);
    } finally {
      sim.graphLimits({});
    }
  }, 90_000);
});

describe('allUsers of a tenant graph-sync syncs', () => {
  it("means the tenant's directory: everyone once, guests and disabled accounts skipped, nobody installed twice", async () => {
    const { sim } = herald;
    const [disabled] = sim.seedDirectory({ users: 1, disabled: 1 });
    await syncDirectory();
    const everyone = sim.directoryUserIds();
    const installsBefore = sim.installs.filter((install) => install.status === 201).length;

    const settled = await settle({ recipients: [{ allUsers: true, tenantId: sim.tenantId }], text: 'To all staff' }, 90_000);

    const guests = everyone.filter((id) => sim.directoryUser(id)?.userType === 'Guest');
    expect(settled).toHaveLength(everyone.length);
    expect(settled.filter(([, bucket, code]) => bucket === 'Skipped' && code === 'guest')).toHaveLength(guests.length);
    expect(settled.filter(([, bucket, code]) => bucket === 'Skipped' && code === 'disabled').map(([key]) => key)).toEqual([`aad:${disabled!.id}`]);
    expect(settled.filter(([, bucket]) => bucket === 'Delivered')).toHaveLength(everyone.length - guests.length - 1);
    // Everyone had the app by now except the person whose reinstall Graph refused earlier: their stale chat gets it installed again.
    expect(sim.installs.filter((install) => install.status === 201).length - installsBefore).toBe(1);
  }, 120_000);
});

describe('the audience picker', () => {
  it('finds groups by display name through graph-sync', async () => {
    const response = await request(herald.gatewayUrl).get('/api/v1/groups').query({ search: 'Everyone at', tenantId: herald.sim.tenantId }).set('Authorization', `Bearer ${API_KEY}`);
    expect(response.status).toBe(200);
    expect(response.body.value).toEqual([expect.objectContaining({ displayName: 'Everyone at Contoso' })]);
  });
});

describe('graph-sync down', () => {
  it("leaves a refused chat's refusal standing: one send, Failed at once, no knocking again", async () => {
    const { sim } = herald;
    const [person] = sim.seedDirectory({ users: 1 });
    await syncDirectory();
    const chat = await knownChat(person!.id);
    await herald.graphSync!.close();
    sim.uninstallApp(person!.id);

    const settled = await settle({ recipients: [{ aadObjectId: person!.id, tenantId: sim.tenantId }], text: 'Nobody to repair it' });

    expect(settled).toEqual([[chat, 'Failed', 'BotNotInConversationRoster']]);
    expect(postsOf(chat, 'Nobody to repair it')).toEqual([403]);
  });
});
