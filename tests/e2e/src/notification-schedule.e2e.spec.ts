import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

const API_KEY = 'schedule-test-key';
let herald: Herald;
const installed = fixture<Record<string, unknown>>('conversationUpdate-botAdded-personal.json');
const TENANT = (installed['conversation'] as { tenantId: string }).tenantId;
const CONVERSATION = 'a:schedule-1';

const notify = (body: unknown) => request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send(body as object);
const statusOf = (id: string) => request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${API_KEY}`);
const sent = (text: string) => herald.sim.connectorCalls.filter((c) => c.operation === 'sendToConversation' && JSON.stringify(c.body).includes(text));
const stateOf = (id: string, state: string, timeoutMs = 15_000) =>
  eventually(async () => {
    const response = await statusOf(id);
    return response.status === 200 && response.body.state === state ? (response.body as Record<string, unknown>) : undefined;
  }, timeoutMs, `notification ${id} ${state}`);

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY } });
  await herald.startRouter();
  const activity = { ...installed, id: 'install-schedule', serviceUrl: herald.sim.serviceUrl, conversation: { id: CONVERSATION, conversationType: 'personal', tenantId: TENANT }, from: { id: '29:schedule-user' } };
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
  await eventually(async () => {
    const warm = await notify({ recipients: [{ conversationId: CONVERSATION }], text: 'warm-up' });
    return (await stateOf(warm.body.id as string, 'completed')).buckets && (sent('warm-up').length > 0 || undefined);
  }, 20_000, 'directory ready');
});

afterAll(async () => {
  await herald?.close();
});

describe('scheduled notifications (sendAt)', () => {
  it('answer GET with `accepted` right after the 202', async () => {
    const created = await notify({ recipients: [{ conversationId: CONVERSATION }], text: 'Right after', sendAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    expect(created.status).toBe(202);
    const status = await statusOf(created.body.id as string);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id: created.body.id, state: 'accepted' });
  });

  it('never hold back a notification due now, however many are scheduled for later', async () => {
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const later = await Promise.all(Array.from({ length: 40 }, (_, i) => notify({ recipients: [{ conversationId: CONVERSATION }], text: `Next week ${i}`, sendAt: nextWeek })));
    expect(later.map((response) => response.status)).toEqual(later.map(() => 202));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = await notify({ recipients: [{ conversationId: CONVERSATION }], text: 'Due now, after forty scheduled' });
    expect(now.status).toBe(202);
    const status = await stateOf(now.body.id as string, 'completed', 10_000);
    expect(status).toMatchObject({ total: 1, sent: 1 });
    expect(sent('Next week')).toHaveLength(0);
  });

  it('send a scheduled notification when it is due, not before; cancelled while scheduled, it never goes', async () => {
    const dueAt = Date.now() + 3_000;
    const due = await notify({ recipients: [{ conversationId: CONVERSATION }], text: 'Due in three seconds', sendAt: new Date(dueAt).toISOString() });
    const cancelled = await notify({ recipients: [{ conversationId: CONVERSATION }], text: 'Cancelled before its time', sendAt: new Date(dueAt).toISOString() });
    expect((await request(herald.gatewayUrl).post(`/api/v1/notifications/${cancelled.body.id}/cancel`).set('Authorization', `Bearer ${API_KEY}`)).status).toBe(202);
    await stateOf(due.body.id as string, 'completed', 15_000);
    const [call] = sent('Due in three seconds');
    expect(call!.at.getTime()).toBeGreaterThanOrEqual(dueAt - 50);
    await stateOf(cancelled.body.id as string, 'cancelled');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sent('Cancelled before its time')).toHaveLength(0);
  });

  it('refuses a sendAt further ahead than 60 days (400 naming it): the request would leave the event log before its time', async () => {
    const tooLate = await notify({ recipients: [{ conversationId: CONVERSATION }], text: 'In a hundred days', sendAt: new Date(Date.now() + 100 * 86_400_000).toISOString() });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body).toMatchObject({ field: 'sendAt' });
  });
});
