import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID } from '@herald/config';
import { eventually, fixture } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

const API_KEY = 'test-key-0123456789abcdef';
let herald: Herald;
const installed = fixture<Record<string, unknown>>('conversationUpdate-botAdded-personal.json');
const TENANT = (installed['conversation'] as { tenantId: string }).tenantId;

/** A personal chat with `user` in which Herald was installed, as Teams announces it. */
async function install(conversationId: string, user: string): Promise<void> {
  const activity = { ...installed, id: `install-${conversationId}`, serviceUrl: herald.sim.serviceUrl, conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT }, from: { id: user, aadObjectId: crypto.randomUUID() } };
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
}

const notify = (body: unknown, key = API_KEY) => request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${key}`).send(body as object);
const statusOf = (id: string) => request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${API_KEY}`);
const completed = (id: string) =>
  eventually(async () => {
    const response = await statusOf(id);
    return response.status === 200 && response.body.state === 'completed' ? (response.body as Record<string, unknown>) : undefined;
  }, 15_000, `notification ${id} completed`);
const sentTo = (conversationId: string, text: string) => herald.sim.connectorCalls.filter((c) => c.operation === 'sendToConversation' && c.conversationId === conversationId && JSON.stringify(c.body).includes(text));

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: `other-key-xyz, ${API_KEY}` } });
  await herald.startRouter();
  for (const n of [1, 2, 3]) await install(`a:n-${n}`, `29:user-${n}`);
  // Herald's own directory is fed by events: wait until the notifier can reach all three.
  await eventually(async () => ((await completed((await notify({ recipients: [{ conversationId: 'a:n-3' }], text: 'warm-up' })).body.id as string)).buckets as { Delivered: number }).Delivered === 1 || undefined, 15_000, 'directory ready');
});

afterAll(async () => {
  if (process.env['DEBUG_LOGS']) for (const line of herald.logs.lines ?? []) if (/notif|deliver|resolv|warn|error/i.test(JSON.stringify(line))) console.log(JSON.stringify(line).slice(0, 400));
  await herald?.close();
});

describe('POST /api/v1/notifications', () => {
  it('refuses a missing or unknown API key with 401', async () => {
    expect((await request(herald.gatewayUrl).post('/api/v1/notifications').send({})).status).toBe(401);
    const unknown = await notify({ recipients: [{ allUsers: true }], text: 'x' }, 'not-a-key');
    expect(unknown.status).toBe(401);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('accepts an Entra access token of an app with the Notifications.Send role; 403 without the role, 401 for another audience', async () => {
    const withRole = await herald.sim.mintAppToken({ clientId: 'f00dcafe-0000-4000-8000-00000000a11c', audience: `api://${DEV_APP_ID}`, roles: ['Notifications.Send'] });
    const accepted = await notify({ recipients: [{ conversationId: 'a:n-1' }], text: 'From an Entra app' }, withRole);
    expect(accepted.status).toBe(202);
    const mine = await eventually(async () => {
      const response = await request(herald.gatewayUrl).get(`/api/v1/notifications/${accepted.body.id}`).set('Authorization', `Bearer ${withRole}`);
      return response.status === 200 ? response : undefined;
    }, 10_000, 'the same app reads its own notification');
    expect(mine.body).toMatchObject({ id: accepted.body.id });
    expect((await statusOf(accepted.body.id as string)).status, 'another caller (an API key) does not').toBe(404);

    const noRole = await herald.sim.mintAppToken({ clientId: 'f00dcafe-0000-4000-8000-00000000a11c', audience: DEV_APP_ID });
    expect((await notify({ recipients: [{ conversationId: 'a:n-1' }], text: 'x' }, noRole)).status).toBe(403);
    const otherAudience = await herald.sim.mintAppToken({ clientId: 'f00dcafe-0000-4000-8000-00000000a11c', audience: 'api://someone-else', roles: ['Notifications.Send'] });
    expect((await notify({ recipients: [{ conversationId: 'a:n-1' }], text: 'x' }, otherAudience)).status).toBe(401);
    const forged = `${withRole.slice(0, withRole.lastIndexOf('.'))}.${Buffer.from('not the signature').toString('base64url')}`;
    expect((await notify({ recipients: [{ conversationId: 'a:n-1' }], text: 'x' }, forged)).status).toBe(401);
  });

  it('answers malformed requests with 400 naming the field, and accepts groupId recipients (202)', async () => {
    const noContent = await notify({ recipients: [{ allUsers: true }] });
    expect(noContent.status).toBe(400);
    expect(noContent.body).toMatchObject({ field: 'text' });
    const badUser = await notify({ recipients: [{ userId: 'bob' }], text: 'x' });
    expect(badUser.status).toBe(400);
    expect(badUser.body.field).toMatch(/^recipients\.0/);
    const plainHttp = await notify({ recipients: [{ allUsers: true }], text: 'x', callbackUrl: 'http://intranet.example.com/hook' });
    expect(plainHttp.status).toBe(400);
    expect(plainHttp.body).toMatchObject({ field: 'callbackUrl', detail: expect.stringContaining('https') });
    const group = await notify({ recipients: [{ userId: '29:a' }, { groupId: '6f1e0b7a-1111-4222-8333-944444444444' }], text: 'x' });
    expect(group.status).toBe(202);
    expect(group.body).toEqual({ id: expect.any(String) });
  });

  it('reaches every installed personal chat (allUsers), once each, with live counts that add up', async () => {
    const response = await notify({ recipients: [{ allUsers: true, tenantId: TENANT }], text: '**Maintenance** tonight at 22:00' });
    expect(response.status).toBe(202);
    expect(response.headers['location']).toBe(`/api/v1/notifications/${response.body.id}`);
    const status = await completed(response.body.id as string);
    expect(status).toMatchObject({ total: 3, sent: 3, failed: 0, skipped: 0, pending: 0 });
    for (const n of [1, 2, 3]) expect(sentTo(`a:n-${n}`, 'Maintenance')).toHaveLength(1);
    expect(sentTo('a:n-1', 'Maintenance')[0]!.body).toMatchObject({ type: 'message', textFormat: 'markdown' });
  });

  it('the same idempotencyKey twice gives the same id and one delivery per recipient', async () => {
    const body = { recipients: [{ conversationId: 'a:n-1' }, { conversationId: 'a:n-2' }], text: 'Your grade is out', idempotencyKey: 'grade-42' };
    const first = await notify(body);
    const second = await notify(body);
    expect(first.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    await completed(first.body.id as string);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sentTo('a:n-1', 'Your grade is out')).toHaveLength(1);
    expect(sentTo('a:n-2', 'Your grade is out')).toHaveLength(1);
  });

  it('binds the card to its data, creates a personal chat for a user Herald never talked to, and counts the unreachable as NotInstalled', async () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Course ${course} starts ${date}' }] };
    const response = await notify({
      recipients: [{ userId: '29:new-person', tenantId: TENANT }, { conversationId: 'a:never-installed' }, { userId: '29:user-2' }],
      card,
      data: { course: 'Safety 101', date: 'Monday' },
    });
    expect(response.status).toBe(202);
    const status = await completed(response.body.id as string);
    expect(status).toMatchObject({ total: 3, sent: 2, pending: 0, buckets: { Delivered: 2, NotInstalled: 1, Failed: 0, Unknown: 0, Skipped: 0 } });
    const created = herald.sim.connectorCalls.filter((c) => c.operation === 'createConversation');
    expect(created.some((c) => JSON.stringify(c.body).includes('29:new-person'))).toBe(true);
    expect(sentTo('a:n-2', 'Course Safety 101 starts Monday')).toHaveLength(1);
  });

  it('serves its OpenAPI 3.1 document, whose request schema is the one that validates', async () => {
    const response = await request(herald.gatewayUrl).get('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths).filter((path) => !path.startsWith('/api/v1/console/'))).toEqual(['/api/v1/notifications', '/api/v1/notifications/{id}', '/api/v1/notifications/{id}/recipients', '/api/v1/notifications/{id}/cancel', '/api/v1/groups', '/api/v1/users/{aadObjectId}/preferences']);
    expect(response.body.components.schemas.PreferencesUpdate.additionalProperties).toBe(false);
    const schema = response.body.components.schemas.NotificationRequest;
    expect(schema.required).toEqual(['recipients']);
    expect(schema.properties.recipients.maxItems).toBe(1000);
    expect(schema.additionalProperties).toBe(false);
    const post = response.body.paths['/api/v1/notifications'].post;
    expect(post.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '403', '422', '429', '503']));
  });

  it('counts accepted notifications and settled recipients in /metrics', async () => {
    const metrics = (await request(herald.gatewayUrl).get('/metrics')).text;
    const value = (name: string) => Number(new RegExp(`^${name}\\{[^}]*\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
    expect(value('herald_notifications_accepted_total')).toBeGreaterThanOrEqual(4);
    expect(metrics).toMatch(/^herald_recipients_settled_total\{[^}]*bucket="Delivered"[^}]*\} \d+/m);
  });

  it('GET of an unknown id, or of another caller\'s notification, is 404', async () => {
    expect((await statusOf('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const mine = await notify({ recipients: [{ conversationId: 'a:n-1' }], text: 'mine' });
    const theirs = await request(herald.gatewayUrl).get(`/api/v1/notifications/${mine.body.id}`).set('Authorization', 'Bearer other-key-xyz');
    expect(theirs.status).toBe(404);
  });
});
