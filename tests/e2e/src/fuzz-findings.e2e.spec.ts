import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
