import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * Defects the fuzz (fuzz.e2e.spec.ts) found that only show through the running services, each
 * pinned by the plain example that showed it.
 */
const KEY = 'findings-key;rate=unlimited';
let herald: Herald;

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: KEY } });
});

afterAll(async () => {
  await herald?.close();
});

const api = () => request(herald.gatewayUrl);
const bearer = 'Bearer findings-key';

describe('errors the HTTP framework answers itself are problem+json too', () => {
  it('a notification id longer than the router takes: 414 problem+json', async () => {
    const response = await api().get(`/api/v1/notifications/${'x'.repeat(1_000)}`).set('Authorization', bearer);
    expect(response.status).toBe(414);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 414, detail: 'a path segment is longer than 100 characters' });
  });

  it('a path that is no valid URL component: 400 problem+json', async () => {
    const response = await api().get('/api/v1/notifications/%E0%A4%A').set('Authorization', bearer);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('headers over 16 KB (refused by the HTTP parser): 431 problem+json', async () => {
    const response = await fetch(`${herald.gatewayUrl}/api/v1/notifications`, { method: 'POST', headers: { authorization: bearer, 'idempotency-key': 'k'.repeat(17_000) }, body: '{}' });
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 431 });
  });
});

describe('notification ids and cursors the notifier cannot look up', () => {
  // The notifier's query failed on the NUL (Postgres refuses it in text), and the API answered
  // 503 "notification status is unavailable" for a bad id.
  it.each(['GET id%00', 'GET id%00/recipients', 'DELETE id%00', 'POST id%00/cancel', 'GET not-a-notification-id'])('%s: 404 problem+json, for an id no notification can have', async (call) => {
    const [method, path] = call.split(' ') as ['GET' | 'DELETE' | 'POST', string];
    const response = await fetch(`${herald.gatewayUrl}/api/v1/notifications/${path}`, { method, headers: { authorization: bearer } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('a recipients cursor (after) holding a NUL, or a query parameter given twice: 400 naming it', async () => {
    const created = await api().post('/api/v1/notifications').set('Authorization', bearer).send({ recipients: [{ conversationId: 'a:nobody' }], text: 'hi' });
    expect(created.status).toBe(202);
    // Once the notifier has projected it (before, nobody has settled and it answers an empty page unasked).
    await eventually(async () => ((await api().get(`/api/v1/notifications/${created.body.id as string}`).set('Authorization', bearer)).body.state === 'completed' ? true : undefined), 15_000, 'notification completed');
    const response = await fetch(`${herald.gatewayUrl}/api/v1/notifications/${created.body.id as string}/recipients?after=a%00b`, { headers: { authorization: bearer } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field: 'after' });
    // A parameter given twice reached the notifier's query as an array.
    for (const name of ['after', 'bucket', 'limit']) {
      const twice = await fetch(`${herald.gatewayUrl}/api/v1/notifications/${created.body.id as string}/recipients?${name}=Failed&${name}=1`, { headers: { authorization: bearer } });
      expect(twice.status, name).toBe(400);
      expect(await twice.json()).toMatchObject({ field: name });
    }
  });
});
