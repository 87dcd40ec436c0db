import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@herald/testing';
import { installPersonalChat, startHerald, type Herald } from './herald-harness.js';

const API_KEY = 'changes-key';
let herald: Herald;
const PEOPLE = Array.from({ length: 12 }, (_, n) => `a:c-${n}`);


const api = () => ({
  post: (path: string, body?: object) => request(herald.gatewayUrl).post(path).set('Authorization', `Bearer ${API_KEY}`).send(body),
  patch: (path: string, body: object) => request(herald.gatewayUrl).patch(path).set('Authorization', `Bearer ${API_KEY}`).send(body),
  delete: (path: string) => request(herald.gatewayUrl).delete(path).set('Authorization', `Bearer ${API_KEY}`),
  get: (path: string) => request(herald.gatewayUrl).get(path).set('Authorization', `Bearer ${API_KEY}`),
});
const settled = (id: string, state = 'completed') =>
  eventually(async () => {
    const response = await api().get(`/api/v1/notifications/${id}`);
    return response.body?.state === state && response.body.pending === 0 ? (response.body as Record<string, unknown>) : undefined;
  }, 30_000, `notification ${id} ${state}`);
const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] });

beforeAll(async () => {
  // A slow tenant budget (3 sends a second), so a cancel can catch deliveries not yet made.
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY, TEAMS_TENANT_RATE_PER_SECOND: '3' } });
  await herald.startRouter();
  for (const conversationId of PEOPLE) await installPersonalChat(herald, conversationId);
  await eventually(async () => {
    const response = await api().post('/api/v1/notifications', { recipients: [{ conversationId: PEOPLE.at(-1) }], text: 'ready?' });
    return ((await settled(response.body.id as string)).sent as number) === 1 || undefined;
  }, 30_000, 'directory ready');
});

afterAll(async () => {
  await herald?.close();
});

describe('changing a notification after it was sent', () => {
  it('PATCH replaces the card on every delivered message (PUT of each), DELETE deletes each', async () => {
    const created = await api().post('/api/v1/notifications', { recipients: [{ conversationId: 'a:c-0' }, { conversationId: 'a:c-1' }], card: card('Build 7 is running') });
    const id = created.body.id as string;
    await settled(id);
    const sent = herald.sim.connectorCalls.filter((c) => c.operation === 'sendToConversation' && JSON.stringify(c.body).includes('Build 7 is running'));
    expect(sent).toHaveLength(2);

    const patched = await api().patch(`/api/v1/notifications/${id}`, { card: card('Build ${n} passed'), data: { n: 7 } });
    expect(patched.status).toBe(202);
    const puts = await herald.sim.waitForConnectorCalls((c) => c.operation === 'updateActivity' && JSON.stringify(c.body).includes('Build 7 passed'), 2, 15_000);
    expect(puts.map((c) => c.conversationId).sort()).toEqual(['a:c-0', 'a:c-1']);
    expect(puts.every((c) => c.status === 200)).toBe(true);

    expect((await api().delete(`/api/v1/notifications/${id}`)).status).toBe(202);
    const deletes = await herald.sim.waitForConnectorCalls((c) => c.operation === 'deleteActivity' && ['a:c-0', 'a:c-1'].includes(c.conversationId ?? ''), 2, 15_000);
    expect(deletes).toHaveLength(2);
  });

  it('cancel stops the deliveries not yet made: they count Skipped(cancelled), and nothing more is sent', async () => {
    const recipients = PEOPLE.slice(2, 11).map((conversationId) => ({ conversationId }));
    const created = await api().post('/api/v1/notifications', { recipients, text: 'Fire drill at 3 pm' });
    const id = created.body.id as string;
    await herald.sim.waitForConnectorCalls((c) => JSON.stringify(c.body).includes('Fire drill'), 1, 10_000);
    expect((await api().post(`/api/v1/notifications/${id}/cancel`)).status).toBe(202);
    const status = await settled(id, 'cancelled');
    const delivered = herald.sim.connectorCalls.filter((c) => JSON.stringify(c.body).includes('Fire drill') && c.status < 300).length;
    expect(status).toMatchObject({ total: 9, pending: 0, sent: delivered });
    expect(status['skipped']).toBe(9 - delivered);
    expect(status['skipped']).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(herald.sim.connectorCalls.filter((c) => JSON.stringify(c.body).includes('Fire drill') && c.status < 300)).toHaveLength(delivered);
  });

  it('changes to an unknown notification are 404, and a PATCH without content is 400', async () => {
    expect((await api().patch('/api/v1/notifications/00000000-0000-4000-8000-000000000001', { text: 'x' })).status).toBe(404);
    expect((await api().post('/api/v1/notifications/00000000-0000-4000-8000-000000000001/cancel')).status).toBe(404);
    const bad = await api().patch('/api/v1/notifications/00000000-0000-4000-8000-000000000001', {});
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('text');
  });
});
