import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, groupMembersRequestSchema, metadataFor, SUBJECTS, type ConsoleAuthor, type ConsoleMessageEvent, type ConversationEvent, type InteractionEvent, type Message, type NotificationEvent } from '@herald/contracts';
import { ProjectionRunner, replay, subjectToken, type Projection } from '@herald/event-sourcing';
import { connectToNats, heraldStreams, MessageBus, provisionTopology, type NatsConnection } from '@herald/messaging';
import { openDatabase, type MikroORM } from '@herald/persistence';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, eventually, NATS_URL, uniquePrefix } from '@herald/testing';
import { NOTIFIER_MIGRATIONS } from '../migrations/notifier.migrations.js';
import { notificationStatusProjection } from '../notifications/notification-status.projection.js';
import { consoleMessagesProjection } from './messages/console-messages.projection.js';
import { rebuildConsoleMessages } from './messages/rebuild-console-messages.js';
import { AnswerConsoleMessagesHandler } from './messages/answer-console-messages.handler.js';
import { notificationEngagementProjection } from './engagement/notification-engagement.projection.js';
import { rebuildNotificationEngagement } from './engagement/rebuild-notification-engagement.js';
import { AnswerNotificationEngagementHandler } from './engagement/answer-notification-engagement.handler.js';
import { consoleTeamsProjection } from './teams/console-teams.projection.js';
import { rebuildConsoleTeams } from './teams/rebuild-console-teams.js';
import { AnswerConsoleTeamsHandler } from './teams/answer-console-teams.handler.js';
import { AnswerConsoleReachHandler } from './reach/answer-console-reach.handler.js';

/**
 * The console's projections on real NATS and Postgres: fed by their runners from the streams,
 * unchanged when a batch is applied again (a redelivery), and the same after a rebuild by replay.
 */
const prefix = uniquePrefix('console_reads');
const names = busNames(prefix);
const logger = createLogger({ service: 'test', level: 'silent' });
const T1 = 'tenant-1';
const ADA: ConsoleAuthor = { aadObjectId: 'aad-ada', tenantId: T1, upn: 'ada@contoso.example', name: 'Ada' };
const BOB: ConsoleAuthor = { aadObjectId: 'aad-bob', tenantId: T1, upn: 'bob@contoso.example' };
const EVE: ConsoleAuthor = { aadObjectId: 'aad-eve', tenantId: 'tenant-2' };
const draft = (title: string, needsApproval = false) => ({ title, buttons: [], acknowledge: false, audience: { teams: [], teamMembers: [], groups: [], everyone: true }, needsApproval });
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();

let testDb: Awaited<ReturnType<typeof createTestDatabase>>;
let database: MikroORM;
let connection: NatsConnection;
let bus: MessageBus;
const runners: ProjectionRunner<unknown>[] = [];
const dump = (table: string, order: string) => database.em.fork().execute<Record<string, unknown>[]>(`select * from ${table} order by ${order}`);

async function publish(subject: string, ...events: Message<string, unknown>[]): Promise<void> {
  for (const event of events) await bus.publish(subject, event);
}
const consoleEvent = (event: Omit<ConsoleMessageEvent, 'metadata'>) => ({ ...event, metadata: metadataFor({ occurredAt: new Date() }) }) as ConsoleMessageEvent;
const message = (messageId: string, ...events: Omit<ConsoleMessageEvent, 'metadata'>[]) => publish(SUBJECTS.consoleMessage(subjectToken(messageId)), ...events.map(consoleEvent));
const notification = (id: string, ...events: Omit<NotificationEvent, 'metadata'>[]) => publish(SUBJECTS.notification(subjectToken(id)), ...events.map((event) => ({ ...event, metadata: metadataFor({ occurredAt: new Date() }) })));
const interaction = (kind: string, event: Omit<InteractionEvent, 'metadata'>) => publish(SUBJECTS.interaction(kind), { ...event, metadata: metadataFor({ occurredAt: new Date() }) });
const conversation = (id: string, event: Omit<ConversationEvent, 'metadata'>) => publish(SUBJECTS.conversation(subjectToken(id)), { ...event, metadata: metadataFor({ occurredAt: new Date() }) });

function run<E>(projection: Projection<E>): void {
  const runner = new ProjectionRunner(bus, database, projection, logger, { retryDelayMs: 20 });
  runners.push(runner);
  runner.start();
}

/** Applies every event of the projection's stream once more, as a redelivered batch would be. */
async function applyAgain<E>(projection: Projection<E>): Promise<void> {
  await database.em.fork().transactional(async (em) => {
    for await (const batch of replay(bus, projection.stream, projection.filter)) {
      await projection.apply(em, batch.map(({ body, sequence }) => ({ sequence, subject: '', event: projection.parse(body) })));
    }
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = await openDatabase({ url: testDb.url, schema: 'notifier', entities: [], migrations: NOTIFIER_MIGRATIONS, applicationName: 'console-reads-test' });
  connection = await connectToNats({ url: NATS_URL, name: 'console-reads', logger });
  await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
  bus = new MessageBus(connection, names);
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
  await database?.close();
  await connection?.close();
  await deleteStreams(prefix);
  await testDb?.drop();
});

describe('console messages', () => {
  const list = (data: { tenantId: string; state?: string; after?: string; limit?: number }) =>
    new AnswerConsoleMessagesHandler(database).answer({ type: 'ConsoleMessagesRequested', data: { limit: 50, ...data }, metadata: metadataFor({ occurredAt: new Date() }) });

  beforeAll(async () => {
    await message('m-draft', { type: 'MessageDrafted', data: { messageId: 'm-draft', author: ADA, draft: draft('Draft'), draftedAt: at(1) } });
    await message('m-edited', { type: 'MessageDrafted', data: { messageId: 'm-edited', author: ADA, draft: draft('First title'), draftedAt: at(2) } }, { type: 'MessageDraftEdited', data: { messageId: 'm-edited', author: ADA, draft: draft('Second title', true), editedAt: at(3) } }, { type: 'MessageSubmittedForApproval', data: { messageId: 'm-edited', author: ADA, send: {}, submittedAt: at(4) } });
    await message('m-gone', { type: 'MessageDrafted', data: { messageId: 'm-gone', author: ADA, draft: draft('Gone'), draftedAt: at(5) } }, { type: 'MessageDraftDeleted', data: { messageId: 'm-gone', author: ADA, deletedAt: at(6) } });
    await message('m-sent', { type: 'MessageDrafted', data: { messageId: 'm-sent', author: ADA, draft: draft('Sent', true), draftedAt: at(7) } }, { type: 'MessageApproved', data: { messageId: 'm-sent', approver: BOB, approvedAt: at(8) } }, { type: 'MessageSent', data: { messageId: 'm-sent', author: ADA, notificationId: 'console-m-sent', send: {}, sentAt: at(9) } });
    await message('m-later', { type: 'MessageDrafted', data: { messageId: 'm-later', author: BOB, draft: draft('Later'), draftedAt: at(10) } }, { type: 'MessageSent', data: { messageId: 'm-later', author: BOB, notificationId: 'console-m-later', send: { sendAt: '2027-01-04T08:00:00.000Z', timeZone: 'Europe/Berlin' }, sentAt: at(11) } });
    await message('m-stopped', { type: 'MessageDrafted', data: { messageId: 'm-stopped', author: BOB, draft: draft('Stopped'), draftedAt: at(12) } }, { type: 'MessageSent', data: { messageId: 'm-stopped', author: BOB, notificationId: 'console-m-stopped', send: {}, sentAt: at(13) } }, { type: 'MessageCancelled', data: { messageId: 'm-stopped', author: BOB, cancelledAt: at(14) } });
    await message('m-other', { type: 'MessageDrafted', data: { messageId: 'm-other', author: EVE, draft: draft('Elsewhere'), draftedAt: at(15) } });
    const requested = (id: string, sendAt?: string) => ({ type: 'NotificationRequested' as const, data: { notificationId: id, caller: 'console', recipients: [{ allUsers: true as const, tenantId: T1 }], content: { text: 'hi' }, requestedAt: at(9), ...(sendAt ? { sendAt } : {}) } });
    await notification('console-m-sent', requested('console-m-sent'), { type: 'NotificationResolved', data: { notificationId: 'console-m-sent', total: 3 } },
      { type: 'RecipientSettled', data: { notificationId: 'console-m-sent', recipientKey: 'a:1', bucket: 'Delivered', attempts: 1 } },
      { type: 'RecipientSettled', data: { notificationId: 'console-m-sent', recipientKey: 'a:2', bucket: 'Failed', code: 'ConversationNotFound', attempts: 1 } });
    await notification('console-m-later', requested('console-m-later', '2027-01-04T08:00:00.000Z'));
    run(notificationStatusProjection(names.stream('notifications').name));
    run(consoleMessagesProjection(names.stream('console').name));
    await eventually(async () => (await dump('notification_status', 'notification_id')).length === 2 && (await dump('console_messages', 'message_id')).length === 6 || undefined, 15_000, 'projected');
    await eventually(async () => (await list({ tenantId: T1 })).messages.find((m) => m.id === 'm-sent')?.buckets.Failed === 1 || undefined, 10_000, 'counted');
  });

  it("lists the tenant's messages newest first, each in its state, with its notification's live counts", async () => {
    const { messages, next } = await list({ tenantId: T1 });
    expect(next).toBeNull();
    expect(messages.map((m) => [m.id, m.title, m.state])).toEqual([
      ['m-stopped', 'Stopped', 'cancelled'],
      ['m-later', 'Later', 'scheduled'],
      ['m-sent', 'Sent', 'sending'],
      ['m-edited', 'Second title', 'awaitingApproval'],
      ['m-draft', 'Draft', 'draft'],
    ]);
    const sent = messages.find((m) => m.id === 'm-sent')!;
    expect(sent).toMatchObject({ author: ADA, needsApproval: true, approvedBy: BOB, notificationId: 'console-m-sent', total: 3, updatedAt: at(9) });
    expect(sent.buckets).toMatchObject({ Delivered: 1, Failed: 1, Unknown: 0, NotInstalled: 0, Skipped: 0, Held: 0 });
    expect(messages.find((m) => m.id === 'm-later')).toMatchObject({ sendAt: '2027-01-04T08:00:00.000Z', timeZone: 'Europe/Berlin', total: 0 });
    expect((await list({ tenantId: 'tenant-2' })).messages.map((m) => m.id)).toEqual(['m-other']);
  });

  it('becomes sent once every recipient settled; filters by state; pages by keyset', async () => {
    await notification('console-m-sent', { type: 'RecipientSettled', data: { notificationId: 'console-m-sent', recipientKey: 'a:3', bucket: 'Delivered', attempts: 1 } });
    await eventually(async () => (await list({ tenantId: T1, state: 'sent' })).messages.length === 1 || undefined, 10_000, 'sent');
    expect((await list({ tenantId: T1, state: 'sent' })).messages[0]).toMatchObject({ id: 'm-sent', total: 3, buckets: { Delivered: 2, Failed: 1 } });
    expect((await list({ tenantId: T1, state: 'draft' })).messages.map((m) => m.id)).toEqual(['m-draft']);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await list({ tenantId: T1, limit: 2, ...(after ? { after } : {}) });
      expect(page.messages.length).toBeLessThanOrEqual(2);
      seen.push(...page.messages.map((m) => m.id));
      after = page.next ?? undefined;
    } while (after);
    expect(seen).toEqual(['m-stopped', 'm-later', 'm-sent', 'm-edited', 'm-draft']);
  });

  it('a redelivered batch changes nothing, and a rebuild gives the same rows', async () => {
    const before = await dump('console_messages', 'message_id');
    await applyAgain(consoleMessagesProjection(names.stream('console').name));
    expect(await dump('console_messages', 'message_id')).toEqual(before);
    const rebuilt = await rebuildConsoleMessages(database, bus);
    expect(rebuilt.events).toBe(15);
    expect(await dump('console_messages', 'message_id')).toEqual(before);
  });
});

describe('notification engagement', () => {
  const engagement = (notificationId: string) => new AnswerNotificationEngagementHandler(database).answer({ type: 'NotificationEngagementRequested', data: { notificationId }, metadata: metadataFor({ occurredAt: new Date() }) });
  const by = (id: string) => ({ id: `29:${id}`, aadObjectId: `aad-${id}` });
  const common = (conversationId: string, who: string) => ({ conversationId, tenantId: T1, by: by(who), at: at(30) });

  beforeAll(async () => {
    await notification('n-engaged', { type: 'NotificationRequested', data: { notificationId: 'n-engaged', caller: 'console', recipients: [{ teamId: '19:team' }], content: { text: 'hi' }, requestedAt: at(20) } },
      { type: 'NotificationResolved', data: { notificationId: 'n-engaged', total: 2 } },
      { type: 'RecipientSettled', data: { notificationId: 'n-engaged', recipientKey: 'a:p1', bucket: 'Delivered', conversationId: 'a:p1', activityId: 'act-1', attempts: 1 } },
      { type: 'RecipientSettled', data: { notificationId: 'n-engaged', recipientKey: '19:chan', bucket: 'Delivered', conversationId: '19:chan@thread.tacv2;messageid=act-2', activityId: 'act-2', attempts: 1 } });
    await interaction('card-acknowledged', { type: 'CardAcknowledged', data: { ...common('a:p1', 'p1'), messageId: 'act-1', notificationId: 'n-engaged' } });
    await interaction('card-acknowledged', { type: 'CardAcknowledged', data: { ...common('a:p1', 'p1'), messageId: 'act-1', notificationId: 'n-engaged' } });
    await interaction('card-acknowledged', { type: 'CardAcknowledged', data: { ...common('19:chan@thread.tacv2', 'p2'), notificationId: 'n-engaged' } });
    await interaction('card-acknowledged', { type: 'CardAcknowledged', data: { ...common('a:x', 'p3'), notificationId: 'n-elsewhere' } });
    await interaction('message-reactions-changed', { type: 'MessageReactionsChanged', data: { ...common('a:p1', 'p1'), messageId: 'act-1', added: ['like', 'heart'], removed: [] } });
    await interaction('message-reactions-changed', { type: 'MessageReactionsChanged', data: { ...common('a:p1', 'p1'), messageId: 'act-1', added: [], removed: ['heart'] } });
    await interaction('message-reactions-changed', { type: 'MessageReactionsChanged', data: { ...common('19:chan@thread.tacv2;messageid=act-2', 'p2'), messageId: 'act-2', added: ['like', 'laugh'], removed: [] } });
    await interaction('message-reactions-changed', { type: 'MessageReactionsChanged', data: { ...common('a:p1', 'p1'), messageId: 'not-herald', added: ['angry'], removed: [] } });
    await interaction('message-edited', { type: 'MessageEdited', data: { ...common('a:p1', 'p1'), messageId: 'm-1', text: 'passes by' } });
    run(notificationEngagementProjection(names.stream('interactions').name));
    await eventually(async () => (await engagement('n-engaged')).reactions['laugh'] === 1 || undefined, 15_000, 'projected');
  });

  it("counts each person's acknowledgement once, and the reactions standing on the notification's delivered copies", async () => {
    expect(await engagement('n-engaged')).toEqual({ notificationId: 'n-engaged', acknowledged: 2, reactions: { laugh: 1, like: 2 } });
    expect(await engagement('n-unknown')).toEqual({ notificationId: 'n-unknown', acknowledged: 0, reactions: {} });
  });

  it('a redelivered batch changes nothing, and a rebuild gives the same rows', async () => {
    const before = [await dump('notification_acknowledgements', 'notification_id, person'), await dump('message_reactions', 'message_id, person, reaction')];
    await applyAgain(notificationEngagementProjection(names.stream('interactions').name));
    expect([await dump('notification_acknowledgements', 'notification_id, person'), await dump('message_reactions', 'message_id, person, reaction')]).toEqual(before);
    expect((await rebuildNotificationEngagement(database, bus)).events).toBe(9);
    expect([await dump('notification_acknowledgements', 'notification_id, person'), await dump('message_reactions', 'message_id, person, reaction')]).toEqual(before);
  });
});

describe('console teams', () => {
  const teams = (tenantId: string, search?: string) => new AnswerConsoleTeamsHandler(database).answer({ type: 'ConsoleTeamsRequested', data: { tenantId, ...(search ? { search } : {}) }, metadata: metadataFor({ occurredAt: new Date() }) });
  const installed = (conversationId: string, team: { id: string; name?: string; aadGroupId?: string }, tenantId = T1, channel?: { id: string; name?: string }) =>
    conversation(conversationId, { type: 'ConversationInstalled', data: { conversationId, kind: 'channel', tenantId, serviceUrl: 'https://smba.example/', team, ...(channel ? { channel } : {}), via: 'installationUpdate', upgrade: false, installedAt: at(40) } });

  beforeAll(async () => {
    await installed('19:sales', { id: '19:sales', name: 'Sales', aadGroupId: 'g-sales' });
    await conversation('19:sales', { type: 'ChannelCreated', data: { conversationId: '19:sales', teamId: '19:sales', channel: { id: '19:sales-news', name: 'News' } } });
    await conversation('19:sales', { type: 'ChannelCreated', data: { conversationId: '19:sales', teamId: '19:sales', channel: { id: '19:sales-old', name: 'Old' } } });
    await conversation('19:sales', { type: 'ChannelDeleted', data: { conversationId: '19:sales', teamId: '19:sales', channel: { id: '19:sales-old', name: 'Old' } } });
    await conversation('19:sales', { type: 'TeamRenamed', data: { conversationId: '19:sales', team: { id: '19:sales', name: 'Sales 100%' } } });
    await installed('19:ops', { id: '19:ops', name: 'Ops', aadGroupId: 'g-ops' });
    await conversation('19:ops', { type: 'ConversationUninstalled', data: { conversationId: '19:ops', via: 'installationUpdate', upgrade: false, uninstalledAt: at(41) } });
    await installed('19:hr', { id: '19:hr', name: 'HR' }, 'tenant-2');
    await conversation('a:personal', { type: 'ConversationInstalled', data: { conversationId: 'a:personal', kind: 'personal', tenantId: T1, serviceUrl: 'https://smba.example/', user: { id: '29:p' }, via: 'installationUpdate', upgrade: false, installedAt: at(40) } });
    run(consoleTeamsProjection(names.stream('conversations').name));
    await eventually(async () => (await teams(T1)).teams[0]?.name === 'Sales 100%' || undefined, 15_000, 'projected');
  });

  it('answers the teams Herald is installed in, with their channels, in the tenant only', async () => {
    expect(await teams(T1)).toEqual({ teams: [{ teamId: '19:sales', name: 'Sales 100%', aadGroupId: 'g-sales', channels: [{ channelId: '19:sales', name: null }, { channelId: '19:sales-news', name: 'News' }] }] });
    expect((await teams(T1, '100%')).teams.map((t) => t.teamId)).toEqual(['19:sales']);
    expect((await teams(T1, 'ops')).teams).toEqual([]);
    expect((await teams(T1, '_')).teams).toEqual([]);
    expect((await teams('tenant-2')).teams.map((t) => t.name)).toEqual(['HR']);
  });

  it('a redelivered batch changes nothing, and a rebuild gives the same rows', async () => {
    const before = [await dump('console_teams', 'team_id'), await dump('console_channels', 'channel_id')];
    await applyAgain(consoleTeamsProjection(names.stream('conversations').name));
    expect([await dump('console_teams', 'team_id'), await dump('console_channels', 'channel_id')]).toEqual(before);
    expect((await rebuildConsoleTeams(database, bus)).events).toBe(9);
    expect([await dump('console_teams', 'team_id'), await dump('console_channels', 'channel_id')]).toEqual(before);
  });
});

describe('console reach', () => {
  const reach = (audience: Record<string, unknown>, tenantId = T1) =>
    new AnswerConsoleReachHandler(database, bus).answer({ type: 'ConsoleReachRequested', data: { tenantId, audience }, metadata: metadataFor({ occurredAt: new Date() }) });
  const member = (userId: string, extra: { userType?: string; accountEnabled?: boolean } = {}) => ({ userId, userPrincipalName: null, displayName: null, accountEnabled: extra.accountEnabled ?? true, userType: extra.userType ?? 'Member' });
  const GROUPS: Record<string, { members: ReturnType<typeof member>[] } | 'refused'> = {
    'a0000000-0000-4000-8000-000000000001': { members: [member('u1'), member('u2'), member('u3'), member('guest', { userType: 'Guest' }), member('off', { accountEnabled: false })] },
    'a0000000-0000-4000-8000-000000000002': { members: [member('u3'), member('u4'), member('x-outside')] },
    'a0000000-0000-4000-8000-000000000003': 'refused',
  };
  let subscription: { unsubscribe(): void };
  const membersPage = (groupId: string, after: string | undefined) => {
    const group = GROUPS[groupId];
    if (!group) return { status: 'notFound' };
    if (group === 'refused') return { status: 'refused', code: 'Authorization_RequestDenied' };
    const from = Number(after ?? 0);
    const next = from + 2 < group.members.length ? String(from + 2) : undefined;
    return { status: 'ok', members: group.members.slice(from, from + 2), fetchedAt: at(50), ...(next ? { next } : {}) };
  };

  beforeAll(async () => {
    // graph-sync at its contract: pages of 2 members.
    subscription = connection.subscribe(names.subject(SUBJECTS.groupMembersRequest), {
      callback: (_error, request) => {
        const { data } = groupMembersRequestSchema.parse(request.json<unknown>());
        request.respond(JSON.stringify(membersPage(data.groupId, data.after)));
      },
    });
    for (const [id, guest, enabled] of [['u1', false, true], ['u2', false, true], ['u3', false, true], ['u4', false, true], ['u5', false, true], ['guest', true, true], ['off', false, false]] as const) {
      await database.em.fork().execute('insert into directory_people (tenant_id, aad_object_id, account_enabled, guest, changed_at) values (?, ?, ?, ?, now())', [T1, id, enabled, guest]);
    }
  });
  afterAll(() => subscription?.unsubscribe());

  it('counts a post per team and the people of each group, each person once, guests and disabled accounts left out', async () => {
    const answer = await reach({ teams: [{ teamId: '19:sales' }, { teamId: '19:ops', channelId: '19:ops-news' }], groups: [{ groupId: 'a0000000-0000-4000-8000-000000000001' }], teamMembers: [{ teamId: '19:sales', aadGroupId: 'a0000000-0000-4000-8000-000000000002' }] });
    expect(answer).toEqual({
      estimated: 2 + 5,
      complete: true,
      parts: [
        { kind: 'team', id: '19:sales', count: 1 },
        { kind: 'team', id: '19:ops-news', count: 1 },
        { kind: 'teamMembers', id: '19:sales', count: 3 },
        { kind: 'group', id: 'a0000000-0000-4000-8000-000000000001', count: 3 },
      ],
    });
  });

  it("everyone is the tenant's directory (members, enabled), plus whom the groups add beyond it", async () => {
    expect(await reach({ everyone: true, groups: [{ groupId: 'a0000000-0000-4000-8000-000000000002' }] })).toMatchObject({ estimated: 5 + 1, complete: true, parts: [{ kind: 'group', count: 3 }, { kind: 'everyone', id: T1, count: 5 }] });
  });

  it('a group graph-sync cannot count now has no count, and the estimate says it is incomplete', async () => {
    expect(await reach({ groups: [{ groupId: 'a0000000-0000-4000-8000-000000000003' }, { groupId: 'a0000000-0000-4000-8000-000000000001' }] })).toEqual({
      estimated: 3,
      complete: false,
      parts: [{ kind: 'group', id: 'a0000000-0000-4000-8000-000000000003', count: null }, { kind: 'group', id: 'a0000000-0000-4000-8000-000000000001', count: 3 }],
    });
    subscription.unsubscribe();
    expect(await reach({ groups: [{ groupId: 'a0000000-0000-4000-8000-000000000001' }] })).toMatchObject({ estimated: 0, complete: false, parts: [{ count: null }] });
  });
});
