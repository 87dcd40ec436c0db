import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture } from '@herald/testing';
import { installPersonalChat, personalMessage, startHerald, type Herald } from './herald-harness.js';
import { TestClock } from './test-clock.js';

/**
 * The messages console's messages (issue 13): authors draft, edit, duplicate and delete them,
 * send them now or at a time, have a second author approve them, cancel them — and what they
 * send reaches Teams as the notification `console-<id>`, its Acknowledge button counting for it.
 */

const ADA = '0a7d3e51-2c4b-4f6a-8e9d-1b2c3d4e5f60';
const BOB = '0b8e4f62-3d5c-4a7b-9f0e-2c3d4e5f6a71';
const EVE = '0c9f5a73-4e6d-4b8c-8a1f-3d4e5f6a7b82';
const OTHER_TENANT = '9e8d7c6b-5a49-4382-9716-a5b4c3d2e1f0';
const ADMIN_KEY = 'console-messages-admin-key';
const teamInstall = fixture<Record<string, unknown>>('conversationUpdate-botAdded-team.json');
const TEAM = (teamInstall['conversation'] as { id: string }).id;
const CHATS = ['a:console-1', 'a:console-2'];
/** The notifier's clock, which the test moves: a message scheduled a minute ahead is due when it says so. */
const clock = new TestClock();
let herald: Herald;
const tokens: Record<string, string> = {};

const api = (method: 'get' | 'post' | 'put' | 'delete', path: string, who = ADA) =>
  request(herald.gatewayUrl)[method](`/api/v1/console/messages${path}`).set('Authorization', `Bearer ${tokens[who]}`);
const draft = async (body: Record<string, unknown>, who = ADA) => {
  const response = await api('post', '', who).send(body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; version: number };
};
const cardsTo = (conversationId: string, title: string) =>
  herald.sim.connectorCalls.filter((call) => call.operation === 'sendToConversation' && call.conversationId === conversationId && JSON.stringify(call.body).includes(title));
const acknowledgeOf = (call: { body: unknown }) => {
  const card = (call.body as { attachments: { content: { actions?: { verb?: string; data?: { notificationId?: string } }[] } }[] }).attachments[0]!.content;
  return card.actions?.find((action) => action.verb === 'acknowledge');
};
/** Someone in `conversationId` presses a card's Acknowledge button, as Teams posts it; the invoke's answer. */
async function acknowledge(conversationId: string, data: Record<string, unknown>) {
  const tenantId = herald.sim.tenantId;
  const base = { ...personalMessage(herald.sim, '', fixture('message-personal.json')), conversation: { id: conversationId, conversationType: 'personal', tenantId }, channelData: { tenant: { id: tenantId } } };
  const invoke = { ...base, text: undefined, type: 'invoke', name: 'adaptiveCard/action', replyToId: 'console-card', value: { action: { type: 'Action.Execute', verb: 'acknowledge', data }, trigger: 'manual' } };
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  return request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(invoke);
}
const notificationStatus = (id: string) => request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${ADMIN_KEY}`);

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_AUTHORS: 'ada@contoso.example,bob@contoso.example,eve@fabrikam.example', HERALD_API_KEYS: `${ADMIN_KEY};scopes=admin` }, notifierClock: clock });
  herald.sim.setUser(ADA, { displayName: 'Ada', userPrincipalName: 'ada@contoso.example' });
  herald.sim.setUser(BOB, { displayName: 'Bob', userPrincipalName: 'bob@contoso.example' });
  herald.sim.setUser(EVE, { displayName: 'Eve', userPrincipalName: 'eve@fabrikam.example', tenantId: OTHER_TENANT });
  for (const who of [ADA, BOB, EVE]) tokens[who] = await herald.sim.mintUserSsoToken({ aadObjectId: who });
  await herald.startRouter();
  const tenantId = herald.sim.tenantId;
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  const team = { ...teamInstall, id: 'console-team-install', serviceUrl: herald.sim.serviceUrl, conversation: { ...(teamInstall['conversation'] as object), tenantId }, channelData: { ...(teamInstall['channelData'] as object), tenant: { id: tenantId } } };
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(team).expect(200);
  for (const [n, chat] of CHATS.entries()) {
    await installPersonalChat(herald, chat, { tenantId, extra: { channelData: { tenant: { id: tenantId } }, from: { id: `29:${chat}`, aadObjectId: `5e6f7a8b-0000-4000-8000-00000000000${n}` } } });
  }
  // Herald's directory is fed by events: wait until a notification reaches the team and both chats.
  await eventually(async () => {
    const warm = await request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${ADMIN_KEY}`).send({ recipients: [{ teamId: TEAM, tenantId }, { allUsers: true, tenantId }], text: 'warm-up' });
    const status = await eventually(async () => {
      const body = (await notificationStatus(warm.body.id as string)).body as { state?: string; sent: number };
      return body.state === 'completed' ? body : undefined;
    }, 10_000, 'warm-up settled');
    return status.sent === 3 ? true : undefined;
  }, 30_000, 'team and chats reachable');
}, 90_000);

afterAll(async () => {
  await herald?.close();
});

describe('drafts', () => {
  it('are saved, edited from the current version only (409 when stale), duplicated and deleted', async () => {
    const created = await draft({ title: 'Town hall', body: 'Thursday, **10:00**' });
    expect(created.version).toBe(1);
    const read = await api('get', `/${created.id}`, BOB);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.id, version: 1, state: 'draft', author: { aadObjectId: ADA }, draft: { title: 'Town hall', acknowledge: false }, notificationId: null });

    const edited = await api('put', `/${created.id}`, BOB).send({ draft: { title: 'Town hall, moved', body: 'Friday' }, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual({ id: created.id, version: 2 });
    const stale = await api('put', `/${created.id}`, ADA).send({ draft: { title: 'Town hall, mine' }, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect((await api('get', `/${created.id}`)).body).toMatchObject({ version: 2, draft: { title: 'Town hall, moved', body: 'Friday' } });

    const copy = await api('post', `/${created.id}/duplicate`, BOB);
    expect(copy.status).toBe(201);
    expect(copy.headers['location']).toBe(`/api/v1/console/messages/${copy.body.id}`);
    expect((await api('get', `/${copy.body.id}`)).body).toMatchObject({ state: 'draft', author: { aadObjectId: BOB }, duplicatedFrom: created.id, draft: { title: 'Town hall, moved' } });

    expect((await api('delete', `/${created.id}`)).status).toBe(204);
    expect((await api('get', `/${created.id}`)).status).toBe(404);
    expect((await api('get', `/${copy.body.id}`)).status).toBe(200);
  });

  it('malformed: 400 naming the field; a body that is no JSON: 400', async () => {
    const wrong = await api('post', '').send({ title: 'Hi', buttons: [{ title: 'Open', url: 'http://intranet.example' }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ field: 'buttons.0.url' });
    const unknown = await api('post', '').send({ title: 'Hi', colour: 'red' });
    expect(unknown.body).toMatchObject({ field: 'colour' });
    const broken = await api('post', '').set('content-type', 'application/json').send('{"title": ');
    expect(broken.status).toBe(400);
    expect(broken.headers['content-type']).toContain('application/problem+json');
    const { id } = await draft({ title: 'Versioned' });
    expect((await api('put', `/${id}`).send({ draft: { title: 'x' } })).body).toMatchObject({ field: 'version' });
    expect((await api('post', `/${id}/send`).send({ timeZone: 'Mars/Olympus' })).body).toMatchObject({ field: 'timeZone' });
  });

  it("another tenant's author finds nothing of this tenant (404), whatever they ask", async () => {
    const { id } = await draft({ title: 'Internal only', audience: { everyone: true } });
    for (const [method, path] of [['get', ''], ['delete', ''], ['post', '/duplicate'], ['post', '/send'], ['post', '/approve'], ['post', '/cancel']] as const) {
      expect((await api(method, `/${id}${path}`, EVE)).status, `${method} ${path}`).toBe(404);
    }
    expect((await api('put', `/${id}`, EVE).send({ draft: { title: 'Mine now' }, version: 1 })).status).toBe(404);
    expect((await api('get', `/${id}`)).body).toMatchObject({ state: 'draft', draft: { title: 'Internal only' } });
  });

  it('that cannot be sent: 422 naming each field, nothing requested', async () => {
    const { id } = await draft({ title: '' });
    const refused = await api('post', `/${id}/send`).send({});
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.problems).toEqual(expect.arrayContaining([{ field: 'title', message: expect.any(String) }, { field: 'audience', message: expect.any(String) }]));
    const advanced = await draft({ advanced: { card: { type: 'AdaptiveCard', body: [] } }, audience: { everyone: true } });
    expect((await api('post', `/${advanced.id}/send`).send({})).body.problems).toEqual([{ field: 'advanced.card.body', message: expect.any(String) }]);
    expect((await api('get', `/${id}`)).body).toMatchObject({ state: 'draft', notificationId: null });
    expect((await notificationStatus(`console-${id}`)).status).toBe(404);
  });
});

describe('sending', () => {
  it('to a team and everyone: the card reaches the channel and every chat, its Acknowledge button carrying the notification id', async () => {
    const { id } = await draft({ title: 'Office closed Monday', summary: 'Public holiday', acknowledge: true, audience: { teams: [{ teamId: TEAM }], everyone: true } });
    const sent = await api('post', `/${id}/send`).send({});
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ id, version: 2, state: 'sending', notificationId: `console-${id}` });
    for (const conversationId of [TEAM, ...CHATS]) {
      const [call] = await herald.sim.waitForConnectorCalls((c) => c.operation === 'sendToConversation' && c.conversationId === conversationId && JSON.stringify(c.body).includes('Office closed Monday'), 1, 15_000);
      expect(acknowledgeOf(call!)).toMatchObject({ type: 'Action.Execute', data: { notificationId: `console-${id}` } });
    }
    const [delivered] = cardsTo(CHATS[0]!, 'Office closed Monday');
    const acknowledged = await acknowledge(CHATS[0]!, acknowledgeOf(delivered!)!.data!);
    expect(acknowledged.status).toBe(200);
    expect(JSON.stringify(acknowledged.body)).toMatch(/Office closed Monday.*Acknowledged by/);
    const again = await api('post', `/${id}/send`).send({});
    expect(again.body).toMatchObject({ id, notificationId: `console-${id}` });
    const done = await eventually(async () => ((await api('get', `/${id}`)).body.state === 'sent' ? true : undefined), 15_000, 'message sent');
    expect(done).toBe(true);
    const status = await notificationStatus(`console-${id}`);
    expect(status.body).toMatchObject({ state: 'completed', total: 3, sent: 3 });
    for (const conversationId of [TEAM, ...CHATS]) expect(cardsTo(conversationId, 'Office closed Monday')).toHaveLength(1);
    expect((await request(herald.gatewayUrl).get(`/api/v1/notifications/console-${id}/recipients`).set('Authorization', `Bearer ${ADMIN_KEY}`)).body.recipients).toHaveLength(3);
    expect((await api('delete', `/${id}`)).status, 'a sent message is no draft').toBe(409);
    expect((await api('post', `/${id}/cancel`)).status, 'nothing left to cancel').toBe(409);
  });

  it('needing approval: waits; its author cannot approve it (403); another author does, and it is sent', async () => {
    const { id } = await draft({ title: 'Reorg announcement', needsApproval: true, audience: { everyone: true } });
    const submitted = await api('post', `/${id}/send`).send({});
    expect(submitted.status).toBe(202);
    expect(submitted.body).toEqual({ id, version: 2, state: 'awaitingApproval' });
    expect((await api('put', `/${id}`).send({ draft: { title: 'Changed' }, version: 2 })).status).toBe(409);
    const own = await api('post', `/${id}/approve`, ADA);
    expect(own.status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const chat of CHATS) expect(cardsTo(chat, 'Reorg announcement')).toHaveLength(0);
    const approved = await api('post', `/${id}/approve`, BOB);
    expect(approved.status).toBe(202);
    expect(approved.body).toEqual({ id, version: 4, state: 'sending', notificationId: `console-${id}` });
    await herald.sim.waitForConnectorCalls((c) => c.operation === 'sendToConversation' && CHATS.includes(c.conversationId ?? '') && JSON.stringify(c.body).includes('Reorg announcement'), 2, 15_000);
    expect((await api('get', `/${id}`)).body).toMatchObject({ approvedBy: { aadObjectId: BOB }, needsApproval: true });
    expect((await api('post', `/${id}/approve`, BOB)).status, 'approved once').toBe(409);
  });

  it('cancelled while awaiting approval: never sent', async () => {
    const { id } = await draft({ title: 'Never approved', needsApproval: true, audience: { everyone: true } });
    await api('post', `/${id}/send`).send({}).expect(202);
    expect((await api('post', `/${id}/cancel`, BOB)).body).toEqual({ id, version: 3, state: 'cancelled' });
    expect((await api('post', `/${id}/approve`, BOB)).status).toBe(409);
    expect((await api('get', `/${id}`)).body).toMatchObject({ state: 'cancelled', notificationId: null });
  });

  it('scheduled a minute ahead: goes when the clock says so; one cancelled while scheduled never goes', async () => {
    const sendAt = new Date(clock.now().getTime() + 60_000).toISOString();
    const kept = await draft({ title: 'Scheduled hello', audience: { everyone: true } });
    const dropped = await draft({ title: 'Scheduled goodbye', audience: { everyone: true } });
    const droppedByApi = await draft({ title: 'Scheduled farewell', audience: { everyone: true } });
    for (const { id } of [kept, dropped, droppedByApi]) {
      const scheduled = await api('post', `/${id}/send`).send({ sendAt, timeZone: 'Europe/Berlin' });
      expect(scheduled.status).toBe(202);
      expect(scheduled.body).toMatchObject({ state: 'scheduled' });
    }
    expect((await api('get', `/${kept.id}`)).body).toMatchObject({ state: 'scheduled', send: { sendAt, timeZone: 'Europe/Berlin' } });
    expect((await api('post', `/${dropped.id}/cancel`)).status).toBe(202);
    // The notification API's own cancel works on a console message's notification too (an admin's key).
    expect((await request(herald.gatewayUrl).post(`/api/v1/notifications/console-${droppedByApi.id}/cancel`).set('Authorization', `Bearer ${ADMIN_KEY}`)).status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const chat of CHATS) expect(cardsTo(chat, 'Scheduled hello')).toHaveLength(0);

    clock.advance(61_000);
    await herald.sim.waitForConnectorCalls((c) => c.operation === 'sendToConversation' && CHATS.includes(c.conversationId ?? '') && JSON.stringify(c.body).includes('Scheduled hello'), 2, 15_000);
    for (const { id } of [dropped, droppedByApi]) await eventually(async () => ((await notificationStatus(`console-${id}`)).body.state === 'cancelled' ? true : undefined), 15_000, 'cancelled notification');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const chat of CHATS) expect([...cardsTo(chat, 'Scheduled goodbye'), ...cardsTo(chat, 'Scheduled farewell')]).toHaveLength(0);
    expect((await api('get', `/${dropped.id}`)).body).toMatchObject({ state: 'cancelled' });
    expect((await api('get', `/${droppedByApi.id}`)).body).toMatchObject({ state: 'cancelled' });
    await eventually(async () => ((await api('get', `/${kept.id}`)).body.state === 'sent' ? true : undefined), 15_000, 'scheduled message sent');
  });
});
