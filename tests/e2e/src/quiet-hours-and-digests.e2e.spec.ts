import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, SUBJECTS, type Message } from '@herald/contracts';
import { connectToNats, MessageBus } from '@herald/messaging';
import { openDatabase } from '@herald/persistence';
import { rebuildUserPreferences } from '@herald/auth/rebuild-preferences';
import { rebuildPersonPreferences } from '@herald/notifier/rebuild-preferences';
import { createLogger } from '@herald/telemetry';
import { eventually, fixture, NATS_URL } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/** The notifier's clock, which the test moves: it cannot wait until 7 am. */
class TestClock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  set(iso: string): void {
    this.offsetMs = Date.parse(iso) - Date.now();
  }
}

const API_KEY = 'quiet-hours-key';
const clock = new TestClock();
let herald: Herald;
let db: pg.Client;
const base = fixture<Record<string, unknown>>('message-personal.json');
const TENANT = (base['conversation'] as { tenantId: string }).tenantId;
const person = { id: '29:quiet-person', aadObjectId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Ada' };
const conversation = { id: 'a:quiet-hours', conversationType: 'personal', tenantId: TENANT };
const clientInfo = { type: 'clientInfo', locale: 'de-DE', country: 'DE', platform: 'Web', timezone: 'Europe/Berlin' };
let n = 0;

type Status = { id: string; state: string; total: number; held: number; digested: number; pending: number; buckets: Record<string, number> };

async function act(activity: Record<string, unknown>): Promise<string> {
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  const posted = { ...base, id: `quiet-${n++}`, from: person, conversation, entities: [clientInfo], locale: 'de-DE', ...activity, serviceUrl: herald.sim.serviceUrl };
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(posted).expect(200);
  return posted.id;
}

const notify = (body: Record<string, unknown>) =>
  request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send({ recipients: [{ aadObjectId: person.aadObjectId }], ...body });
const statusOf = async (id: string) => (await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${API_KEY}`)).body as Status;
const statusWhen = (id: string, check: (status: Status) => boolean, what: string, timeoutMs = 15_000) =>
  eventually(async () => {
    const status = await statusOf(id);
    return check(status) ? status : undefined;
  }, timeoutMs, what);
const sent = (text: string) => herald.sim.connectorCalls.filter((c) => c.operation === 'sendToConversation' && JSON.stringify(c.body).includes(text));
const setPreferences = (body: Record<string, unknown>) => request(herald.gatewayUrl).put(`/api/v1/users/${person.aadObjectId}/preferences`).set('Authorization', `Bearer ${API_KEY}`).send(body);

/** Every recipient in exactly one place, at every moment. */
function addsUp(status: Status): void {
  const { Delivered, Failed, Skipped, NotInstalled, Unknown, Held, Digested } = status.buckets;
  expect(status.total).toBe(Delivered! + Failed! + Skipped! + NotInstalled! + Unknown! + Held! + Digested! + status.pending);
  expect([status.held, status.digested]).toEqual([Held, Digested]);
}

/** The DeliveryRequested the notifier holds for `notificationId`, published again as a redelivery would bring it. */
async function redeliver(notificationId: string): Promise<void> {
  const { rows } = await db.query('select command from notifier.held_deliveries where notification_id = $1', [notificationId]);
  const connection = await connectToNats({ url: NATS_URL, name: 'redeliver', logger: createLogger({ service: 'test', level: 'silent' }) });
  try {
    await new MessageBus(connection, busNames(herald.prefix)).publish(SUBJECTS.deliveryRequest(0), rows[0].command as Message<string, unknown>, { msgID: `again-${n++}` });
  } finally {
    await connection.close();
  }
}

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: `${API_KEY};scopes=notifications:send|notifications:read|preferences:read|preferences:write` }, notifierClock: clock });
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  // Seen by the settings card: the time zone and language Teams reports become theirs.
  const shown = await act({ text: 'settings' });
  await herald.sim.waitForConnectorCalls((c) => c.operation === 'replyToActivity' && c.activityId === shown, 1, 10_000);
  await eventually(async () => {
    const created = await notify({ text: 'warm-up' });
    return (await statusWhen(created.body.id as string, (s) => s.state === 'completed', 'warm-up')).buckets['Delivered'] === 1 || undefined;
  }, 20_000, 'reachable');
  const set = await setPreferences({ quietHours: { start: '22:00', end: '07:00' }, topics: { builds: { delivery: 'hourly' } } });
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({ timeZone: 'Europe/Berlin', locale: 'de-DE', quietHours: { start: '22:00', end: '07:00' } });
});

afterAll(async () => {
  await db?.end();
  await herald?.close();
});

describe('quiet hours', () => {
  it('hold a notification (Held, quietHours) and deliver it once when they end; a redelivered copy changes nothing', async () => {
    clock.set('2026-01-15T22:30:00Z'); // 23:30 in Berlin
    const created = await notify({ text: 'Quiet one: the nightly report' });
    const held = await statusWhen(created.body.id as string, (s) => s.held === 1, 'held', 20_000);
    expect(held).toMatchObject({ state: 'sending', total: 1, pending: 0, digested: 0 });
    addsUp(held);
    const recipients = await request(herald.gatewayUrl).get(`/api/v1/notifications/${created.body.id}/recipients?bucket=Held`).set('Authorization', `Bearer ${API_KEY}`);
    expect(recipients.body.recipients).toMatchObject([{ bucket: 'Held', code: 'quietHours' }]);
    await redeliver(created.body.id as string);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sent('Quiet one')).toHaveLength(0);
    addsUp(await statusOf(created.body.id as string));

    clock.set('2026-01-16T06:00:05Z'); // 07:00:05 in Berlin: they ended
    const delivered = await statusWhen(created.body.id as string, (s) => s.state === 'completed', 'delivered after quiet hours');
    expect(delivered).toMatchObject({ total: 1, held: 0, pending: 0, buckets: { Delivered: 1, Held: 0 } });
    addsUp(delivered);
    await redeliver(created.body.id as string);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sent('Quiet one')).toHaveLength(1);
  });

  it('let a critical notification through at once', async () => {
    clock.set('2026-01-16T01:00:00Z'); // 02:00 in Berlin
    const created = await notify({ text: 'Critical one: the site is down', critical: true });
    const status = await statusWhen(created.body.id as string, (s) => s.state === 'completed', 'critical delivered');
    expect(status.buckets).toMatchObject({ Delivered: 1, Held: 0 });
    expect(sent('Critical one')).toHaveLength(1);
  });

  it('refuse a "critical" that is not true or false (400 naming it)', async () => {
    const refused = await notify({ text: 'x', critical: 'yes' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'critical' });
  });
});

describe('digests', () => {
  it('collect five notifications on an hourly topic (Digested) and send them at the end of the hour as ONE card; redelivered copies change nothing', async () => {
    clock.set('2026-01-15T10:20:00Z'); // 11:20 in Berlin
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await notify({ topic: 'builds', text: `Build ${i} of five passed` })).body.id as string);
    for (const id of ids) addsUp(await statusWhen(id, (s) => s.digested === 1, `digested ${id}`, 20_000));
    expect(sent('of five passed')).toHaveLength(0);
    await redeliver(ids[0]!);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    addsUp(await statusWhen(ids[0]!, (s) => s.digested === 1, 'still digested once'));

    clock.set('2026-01-15T11:00:30Z'); // 12:00:30 in Berlin: the hour ended
    for (const id of ids) {
      const status = await statusWhen(id, (s) => s.state === 'completed', `settled ${id}`, 20_000);
      expect(status.buckets).toMatchObject({ Delivered: 1, Digested: 0 });
      addsUp(status);
    }
    const cards = sent('of five passed');
    expect(cards).toHaveLength(1);
    const text = JSON.stringify(cards[0]!.body);
    expect(text).toContain('Your hourly digest: 5 notifications');
    for (let i = 1; i <= 5; i++) expect(text).toContain(`Build ${i} of five passed`);
    await redeliver(ids[1]!);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sent('of five passed')).toHaveLength(1);
  });

  it('put off a digest whose period ends in quiet hours until they end', async () => {
    expect((await setPreferences({ topics: { reports: { delivery: 'daily' } } })).status).toBe(200);
    await eventually(async () => (await db.query(`select 1 from notifier.person_topic_preferences where topic = 'reports' and delivery = 'daily'`)).rows[0], 10_000, 'daily reports');
    clock.set('2026-01-17T12:00:00Z'); // 13:00 in Berlin
    const ids = [(await notify({ topic: 'reports', text: 'Daily report one' })).body.id as string, (await notify({ topic: 'reports', text: 'Daily report two' })).body.id as string];
    for (const id of ids) await statusWhen(id, (s) => s.digested === 1, `digested ${id}`, 20_000);

    clock.set('2026-01-17T23:00:30Z'); // 00:00:30 in Berlin: the day ended, in quiet hours
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sent('Daily report')).toHaveLength(0);
    for (const id of ids) addsUp(await statusWhen(id, (s) => s.digested === 1, `still digested ${id}`));

    clock.set('2026-01-18T06:00:30Z'); // 07:00:30 in Berlin: quiet hours over
    for (const id of ids) await statusWhen(id, (s) => s.state === 'completed' && s.buckets['Delivered'] === 1, `delivered ${id}`, 20_000);
    const cards = sent('Daily report');
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0]!.body)).toContain('Your daily digest: 2 notifications');
  });
});

describe('digests and quiet hours together', () => {
  it('send every hourly digest that ended in quiet hours as ONE card when they end, not one card per hour', async () => {
    clock.set('2026-01-19T21:30:00Z'); // 22:30 in Berlin: quiet hours
    const first = (await notify({ topic: 'builds', text: 'Night build one' })).body.id as string;
    await statusWhen(first, (s) => s.digested === 1, 'the first night build digested', 20_000);
    clock.set('2026-01-19T22:30:00Z'); // 23:30: its hour ended, in quiet hours
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const second = (await notify({ topic: 'builds', text: 'Night build two' })).body.id as string;
    await statusWhen(second, (s) => s.digested === 1, 'the second night build digested', 20_000);
    clock.set('2026-01-19T23:30:00Z'); // 00:30: that hour ended too
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sent('Night build')).toHaveLength(0);

    clock.set('2026-01-20T06:00:30Z'); // 07:00:30: quiet hours over
    for (const id of [first, second]) await statusWhen(id, (s) => s.state === 'completed' && s.buckets['Delivered'] === 1, `delivered ${id}`, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const cards = sent('Night build');
    expect(cards).toHaveLength(1);
    expect(JSON.stringify(cards[0]!.body)).toMatch(/Night build one[\s\S]*Night build two/);
  });
});

describe('preferences', () => {
  it("mute a topic the person unsubscribed from in their preferences, until they say otherwise in the chat (the latest word wins)", async () => {
    clock.set('2026-01-16T11:00:00Z'); // noon in Berlin
    expect((await setPreferences({ topics: { alerts: { subscribed: false } } })).status).toBe(200);
    const bucketOf = async (text: string) => {
      const created = await notify({ topic: 'alerts', text });
      const status = await statusWhen(created.body.id as string, (s) => s.state === 'completed', text);
      return Object.entries(status.buckets).find(([, count]) => count === 1)![0];
    };
    await eventually(async () => ((await bucketOf('Alert while unsubscribed')) === 'Skipped') || undefined, 10_000, 'muted');
    const said = await act({ text: 'subscribe alerts' });
    await herald.sim.waitForConnectorCalls((c) => c.operation === 'replyToActivity' && c.activityId === said, 1, 10_000);
    await eventually(async () => ((await bucketOf('Alert after subscribing')) === 'Delivered') || undefined, 10_000, 'subscribed again');
  });

  it('survive a rebuild of both projections (auth and notifier): the same rows, and the notifier still obeys them', async () => {
    const dump = async () => ({
      auth: (await db.query('select * from auth.user_preferences order by user_key')).rows,
      people: (await db.query('select * from notifier.person_preferences order by user_key')).rows,
      topics: (await db.query('select * from notifier.person_topic_preferences order by user_key, topic')).rows,
    });
    const before = await eventually(async () => {
      const rows = await dump();
      return rows.auth[0]?.quiet_start === '22:00' && rows.people[0]?.quiet_start === '22:00' && rows.topics.length === 3 ? rows : undefined;
    }, 10_000, 'projections caught up');
    const connection = await connectToNats({ url: NATS_URL, name: 'rebuild', logger: createLogger({ service: 'test', level: 'silent' }) });
    const bus = new MessageBus(connection, busNames(herald.prefix));
    const auth = await openDatabase({ url: herald.databaseUrl, schema: 'auth', entities: [], migrations: [], applicationName: 'rebuild-test' });
    const notifier = await openDatabase({ url: herald.databaseUrl, schema: 'notifier', entities: [], migrations: [], applicationName: 'rebuild-test' });
    try {
      expect((await rebuildUserPreferences(auth, bus)).events).toBeGreaterThanOrEqual(2);
      expect((await rebuildPersonPreferences(notifier, bus)).events).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all([auth.close(), notifier.close(), connection.close()]);
    }
    expect(await dump()).toEqual(before);

    clock.set('2026-01-16T23:30:00Z'); // 00:30 in Berlin
    const created = await notify({ text: 'After the rebuild' });
    addsUp(await statusWhen(created.body.id as string, (s) => s.held === 1, 'held after the rebuild', 20_000));
  });
});
