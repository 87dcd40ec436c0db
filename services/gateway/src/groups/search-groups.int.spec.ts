import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '@herald/config';
import { busNames, groupSearchRequestSchema, SUBJECTS, type GroupSearchAnswer } from '@herald/contracts';
import { connectToNats, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { createGatewayApp } from '../app.js';
import type { GroupQuery } from './group-search.client.js';
import { gatewayConfigSchema } from '../gateway.config.js';

/**
 * `GET /api/v1/groups` on a real gateway and NATS. graph-sync is stood in for at its contract:
 * a responder on `graph.request.group-search` that answers what the test tells it to, and
 * records what it was asked. Microsoft endpoints point at a closed loopback port.
 */
const NOWHERE = 'http://127.0.0.1:9';
const KEYS = { all: 'key-all-tenants', one: 'key-one-tenant', two: 'key-two-tenants', reader: 'key-read-only' };
const prefix = uniquePrefix('groups');
const logger = createLogger({ service: 'gateway', level: 'silent' });
const GROUPS = [
  { id: '6f1e0b7a-1111-4222-8333-944444444444', displayName: 'Sales EMEA', mail: 'sales-emea@contoso.example', description: 'Everyone selling in EMEA' },
  { id: '6f1e0b7a-2222-4222-8333-944444444444', displayName: 'Sales Americas', mail: null, description: null },
];
let gateway: NestFastifyApplication;
let url: string;
let connection: NatsConnection;
let asked: GroupQuery[];
let answer: (request: GroupQuery) => GroupSearchAnswer | undefined;
let stopGraphSync: () => void;

/** graph-sync at its contract: each request validated against the contract's schema, then answered (or left unanswered). */
function standInForGraphSync(): () => void {
  const subscription = connection.subscribe(busNames(prefix).subject(SUBJECTS.groupSearchRequest), {
    callback: (_error, message) => {
      const { data } = groupSearchRequestSchema.parse(message.json<unknown>());
      asked.push(data);
      const reply = answer(data);
      if (reply) message.respond(JSON.stringify(reply));
    },
  });
  return () => subscription.unsubscribe();
}

beforeAll(async () => {
  const env = {
    HERALD_BUS_PREFIX: prefix,
    PORT: '0',
    MICROSOFT_APP_ID: '5b7c1a4e-0000-4000-8000-00000000c0de',
    MICROSOFT_APP_PASSWORD: 'not-used-here',
    BOT_OPENID_METADATA_URL: `${NOWHERE}/openid`,
    AAD_AUTHORITY_HOST: NOWHERE,
    GRAPH_BASE_URL: NOWHERE,
    HERALD_API_KEYS: `${KEYS.all}, ${KEYS.one};tenants=t1, ${KEYS.two};tenants=t1|t2, ${KEYS.reader};scopes=notifications:read`,
  };
  gateway = await createGatewayApp(parseConfig(gatewayConfigSchema, env), logger);
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  url = await gateway.getUrl();
  connection = await connectToNats({ url: NATS_URL, name: 'graph-sync-stand-in', logger });
});

afterAll(async () => {
  stopGraphSync?.();
  await gateway?.close();
  await connection?.close();
  await deleteStreams(prefix);
});

beforeEach(() => {
  asked = [];
  answer = () => ({ status: 'ok', groups: GROUPS });
  stopGraphSync?.();
  stopGraphSync = standInForGraphSync();
});

const search = (query: Record<string, string | number>, key: string = KEYS.all) =>
  request(url).get('/api/v1/groups').query(query).set('Authorization', `Bearer ${key}`);

describe('GET /api/v1/groups', () => {
  it("answers graph-sync's groups as they are, having asked for the tenant, the trimmed text and top", async () => {
    const response = await search({ search: '  Sales ', top: 10, tenantId: 't9' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ value: GROUPS });
    expect(asked).toEqual([{ tenantId: 't9', query: 'Sales', top: 10 }]);
  });

  it('asks for 25 groups when top is not given', async () => {
    expect((await search({ search: 'Sales', tenantId: 't9' })).status).toBe(200);
    expect(asked).toEqual([{ tenantId: 't9', query: 'Sales', top: 25 }]);
  });

  it.each([
    ['no search', { tenantId: 't9' }, 'search'],
    ['an empty search', { search: '', tenantId: 't9' }, 'search'],
    ['a search of spaces', { search: '   ', tenantId: 't9' }, 'search'],
    ['a search over 256 characters', { search: 'x'.repeat(257), tenantId: 't9' }, 'search'],
    ['top 0', { search: 'Sales', top: 0, tenantId: 't9' }, 'top'],
    ['top 101', { search: 'Sales', top: 101, tenantId: 't9' }, 'top'],
    ['top 2.5', { search: 'Sales', top: '2.5', tenantId: 't9' }, 'top'],
    ['top ten', { search: 'Sales', top: 'ten', tenantId: 't9' }, 'top'],
    ['no tenantId from a caller of every tenant', { search: 'Sales' }, 'tenantId'],
  ])('refuses %s: 400 problem+json naming the parameter, without asking graph-sync', async (_name, query, field) => {
    const response = await search(query);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, field });
    expect(asked).toEqual([]);
  });

  it('refuses a parameter given twice with 400', async () => {
    const response = await request(url).get('/api/v1/groups?search=a&search=b&tenantId=t9').set('Authorization', `Bearer ${KEYS.all}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ field: 'search' });
  });

  it('needs a key (401) with the notifications:send scope (403)', async () => {
    expect((await request(url).get('/api/v1/groups').query({ search: 'Sales', tenantId: 't9' })).status).toBe(401);
    expect((await search({ search: 'Sales', tenantId: 't9' }, KEYS.reader)).status).toBe(403);
    expect(asked).toEqual([]);
  });

  it("keeps a tenant-restricted key to its tenants: its only tenant by default, 403 for another, 422 when it has several and names none", async () => {
    expect((await search({ search: 'Sales' }, KEYS.one)).status).toBe(200);
    expect(asked.map((request) => request.tenantId)).toEqual(['t1']);
    const other = await search({ search: 'Sales', tenantId: 't2' }, KEYS.one);
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ field: 'tenantId' });
    const unnamed = await search({ search: 'Sales' }, KEYS.two);
    expect(unnamed.status).toBe(422);
    expect(unnamed.body).toMatchObject({ field: 'tenantId' });
    expect((await search({ search: 'Sales', tenantId: 't2' }, KEYS.two)).status).toBe(200);
    expect(asked.map((request) => request.tenantId)).toEqual(['t1', 't2']);
  });

  it('answers 503 with Retry-After when graph-sync does not run (no responders)', async () => {
    stopGraphSync();
    const started = Date.now();
    const response = await search({ search: 'Sales', tenantId: 't9' });
    expect(response.status).toBe(503);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(Date.now() - started, 'no responders is known at once, not after the timeout').toBeLessThan(2_000);
  });

  it('answers 503 with Retry-After when graph-sync does not answer in time', async () => {
    answer = () => undefined;
    const response = await search({ search: 'Sales', tenantId: 't9' });
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  }, 15_000);

  it("answers 503 with graph-sync's wait (rounded up to seconds) as Retry-After when Graph is unavailable", async () => {
    answer = () => ({ status: 'unavailable', retryInMs: 2_300, code: 'TooManyRequests' });
    const response = await search({ search: 'Sales', tenantId: 't9' });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('3');
    expect(response.body).toMatchObject({ detail: expect.stringContaining('TooManyRequests') });
  });

  it('answers 422 naming the code when Graph refused the tenant for good (no Retry-After: waiting will not help)', async () => {
    answer = () => ({ status: 'refused', code: 'TokenRefused' });
    const response = await search({ search: 'Sales', tenantId: 't9' });
    expect(response.status).toBe(422);
    expect(response.headers['retry-after']).toBeUndefined();
    expect(response.body).toMatchObject({ detail: expect.stringContaining('TokenRefused') });
  });

  it('is in the OpenAPI document', async () => {
    const document = (await request(url).get('/api/v1/openapi.json')).body;
    expect(document.paths['/api/v1/groups'].get.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['search', 'top', 'tenantId']);
    expect(document.components.schemas.GroupPage).toMatchObject({ required: ['value'] });
  });
});

describe('groupId recipients', () => {
  it('are accepted (202): the notifier resolves them through graph-sync', async () => {
    const response = await request(url)
      .post('/api/v1/notifications')
      .set('Authorization', `Bearer ${KEYS.all}`)
      .send({ recipients: [{ groupId: GROUPS[0]!.id, tenantId: 't9' }], text: 'x' });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ id: expect.any(String) });
  });
});
