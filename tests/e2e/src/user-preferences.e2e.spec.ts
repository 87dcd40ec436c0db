import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture } from '@herald/testing';
import { installPersonalChat, startHerald, type Herald } from './herald-harness.js';

const base = fixture<Record<string, unknown>>('message-personal.json');
const TENANT = (base['conversation'] as { tenantId: string }).tenantId;
const OTHER_TENANT = '0b0b0b0b-1111-4222-8333-444455556666';
const KEYS = {
  write: 'prefs-write-key;scopes=preferences:read|preferences:write',
  readOnly: 'prefs-read-key;scopes=preferences:read',
  plain: 'prefs-plain-key',
  admin: 'prefs-admin-key;scopes=admin',
  sameTenant: `prefs-tenant-key;scopes=preferences:read|preferences:write;tenants=${TENANT}`,
  otherTenant: `prefs-other-key;scopes=preferences:read|preferences:write;tenants=${OTHER_TENANT}`,
};
const key = (name: keyof typeof KEYS) => KEYS[name].split(';')[0]!;
const person = { id: '29:prefs-person', aadObjectId: '3c9d2e1f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', name: 'Grace' };
const conversation = { id: 'a:prefs', conversationType: 'personal', tenantId: TENANT };
let herald: Herald;
let n = 0;

/** What the person does in their chat with Herald, as Teams posts it (with the clientInfo entity Teams adds). */
async function act(activity: Record<string, unknown>) {
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  const entities = [{ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Desktop', timezone: 'Europe/London' }];
  const posted = { ...base, id: `prefs-${n++}`, from: person, conversation, entities, locale: 'en-GB', ...activity, serviceUrl: herald.sim.serviceUrl };
  const response = await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(posted);
  expect(response.status).toBe(200);
  return { id: posted.id, body: response.body as { value?: { body?: { id?: string; value?: string; text?: string }[] } } };
}

/** Saves the settings card with these inputs (Action.Execute): the card it is answered with, updated in place. */
async function saveCard(inputs: Record<string, string>) {
  const { body } = await act({ type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'settings.save', data: inputs } } });
  const elements = flatten(body.value?.body ?? []);
  return { input: (id: string) => elements.find((element) => element.id === id)?.value, texts: elements.map((element) => element.text).filter(Boolean) };
}

function flatten(elements: unknown[]): { id?: string; value?: string; text?: string }[] {
  return elements.flatMap((element) => {
    const { columns, items } = element as { columns?: unknown[]; items?: unknown[] };
    return [element as { id?: string }, ...flatten(columns ?? []), ...flatten(items ?? [])];
  });
}

const get = (name: keyof typeof KEYS, id = person.aadObjectId) => request(herald.gatewayUrl).get(`/api/v1/users/${id}/preferences`).set('Authorization', `Bearer ${key(name)}`);
const put = (name: keyof typeof KEYS, body: unknown, id = person.aadObjectId) => request(herald.gatewayUrl).put(`/api/v1/users/${id}/preferences`).set('Authorization', `Bearer ${key(name)}`).send(body as object);

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: Object.values(KEYS).join(',') } });
  await herald.startRouter();
});

afterAll(async () => {
  await herald?.close();
});

describe('GET/PUT /api/v1/users/{aadObjectId}/preferences', () => {
  it('know nobody Herald has not seen (404), and refuse a malformed id (400 naming it) or a caller without the scope (403)', async () => {
    expect((await get('write')).status).toBe(404);
    expect((await put('write', { notifications: 'off' })).status).toBe(404);
    const malformed = await get('write', 'not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.body).toMatchObject({ field: 'aadObjectId' });
    expect((await get('plain')).status).toBe(403);
    expect((await put('readOnly', { notifications: 'off' })).status).toBe(403);
  });

  it('know a person Teams installed Herald for, who never opened their settings: defaults to read, preferences to set', async () => {
    const installed = '8f7e6d5c-4b3a-4291-8a7b-6c5d4e3f2a1b';
    await installPersonalChat(herald, 'a:prefs-installed', { userId: '29:prefs-installed', tenantId: TENANT, extra: { from: { id: '29:prefs-installed', aadObjectId: installed } } });
    const read = await eventually(async () => {
      const response = await get('sameTenant', installed);
      return response.status === 200 ? response : undefined;
    }, 10_000, 'the person to be known');
    expect(read.body).toMatchObject({ aadObjectId: installed, tenantId: TENANT, notifications: 'on', quietHours: null, topics: {} });
    expect((await get('otherTenant', installed)).status).toBe(404);
    const set = await put('sameTenant', { timeZone: 'Europe/Paris', quietHours: { start: '21:00', end: '08:00' } }, installed);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ timeZone: 'Europe/Paris', quietHours: { start: '21:00', end: '08:00' } });
  });

  it('take the time zone and language Teams reports when the person first opens their settings', async () => {
    const shown = await act({ text: 'settings' });
    await herald.sim.waitForConnectorCalls((c) => c.operation === 'replyToActivity' && c.activityId === shown.id, 1, 10_000);
    const read = await eventually(async () => {
      const response = await get('write');
      return response.status === 200 ? response : undefined;
    }, 10_000, 'known');
    expect(read.body).toEqual({ aadObjectId: person.aadObjectId, tenantId: TENANT, notifications: 'on', timeZone: 'Europe/London', locale: 'en-GB', quietHours: null, topics: {} });
  });

  it('set what the app gives and keep the rest; answer with the preferences as they are', async () => {
    const set = await put('write', { quietHours: { start: '22:00', end: '07:00' }, topics: { deploys: { delivery: 'daily' }, alerts: { subscribed: false } } });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ timeZone: 'Europe/London', quietHours: { start: '22:00', end: '07:00' }, topics: { deploys: { subscribed: true, delivery: 'daily' }, alerts: { subscribed: false, delivery: 'now' } } });
    const zone = await put('write', { timeZone: 'Asia/Tokyo', quietHours: null });
    expect(zone.body).toMatchObject({ timeZone: 'Asia/Tokyo', quietHours: null, topics: { deploys: { delivery: 'daily' } } });
    await eventually(async () => ((await get('write')).body?.timeZone === 'Asia/Tokyo') || undefined, 10_000, 'read back');
  });

  it.each([
    [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    [{ locale: 'english please' }, 'locale'],
    [{ quietHours: { start: '07:00', end: '07:00' } }, 'quietHours.end'],
    [{ quietHours: { start: '7 pm', end: '07:00' } }, 'quietHours.start'],
    [{ topics: { deploys: { delivery: 'weekly' } } }, 'topics.deploys.delivery'],
    [{ notifications: true }, 'notifications'],
    [{ colour: 'blue' }, 'colour'],
    [{ topics: { deploys: { delivery: 'now', colour: 'blue' } } }, 'topics.deploys.colour'],
  ])('refuse %j with 400 problem+json naming %s', async (body, field) => {
    const refused = await put('write', body);
    expect(refused.status).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.field).toBe(field);
  });

  it("show a tenant-restricted caller only its tenants' people; admin may do both", async () => {
    expect((await get('otherTenant')).status).toBe(404);
    expect((await put('otherTenant', { notifications: 'off' })).status).toBe(404);
    expect((await get('sameTenant')).status).toBe(200);
    expect((await get('admin')).status).toBe(200);
    expect((await put('admin', { locale: 'en-US' })).body).toMatchObject({ locale: 'en-US' });
  });
});

describe('the settings card', () => {
  it('edits notifications, time zone, language, quiet hours and per-topic delivery, answered with the card updated in place', async () => {
    const card = await saveCard({ notifications: 'off', timeZone: 'America/New_York', locale: 'de-DE', quietHours: 'on', quietStart: '21:30', quietEnd: '06:45', 'topic.deploys': 'hourly', 'topic.alerts': 'now', newTopic: 'Builds', newTopicDelivery: 'daily' });
    expect(card.texts).toContain('Saved.');
    expect([card.input('notifications'), card.input('timeZone'), card.input('locale'), card.input('quietHours'), card.input('quietStart'), card.input('quietEnd')]).toEqual(['off', 'America/New_York', 'de-DE', 'on', '21:30', '06:45']);
    expect([card.input('topic.deploys'), card.input('topic.alerts'), card.input('topic.builds')]).toEqual(['hourly', 'now', 'daily']);
    const read = await eventually(async () => {
      const response = await get('write');
      return response.body?.timeZone === 'America/New_York' ? response.body : undefined;
    }, 10_000, 'card saved');
    expect(read).toMatchObject({ notifications: 'off', locale: 'de-DE', quietHours: { start: '21:30', end: '06:45' }, topics: { deploys: { subscribed: true, delivery: 'hourly' }, alerts: { subscribed: true, delivery: 'now' }, builds: { delivery: 'daily' } } });
  });

  it('says why it saved nothing (an unknown time zone), and nothing changes', async () => {
    const card = await saveCard({ timeZone: 'Nowhere/Atlantis', quietHours: 'off' });
    expect(card.texts.some((text) => text?.startsWith('Not saved: unknown time zone "Nowhere/Atlantis"'))).toBe(true);
    expect((await get('write')).body).toMatchObject({ timeZone: 'America/New_York', quietHours: { start: '21:30', end: '06:45' } });
  });
});
