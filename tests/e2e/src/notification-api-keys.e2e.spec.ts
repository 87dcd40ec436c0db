import request from 'supertest';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@herald/config';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { connectToNats, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { eventually, fixture, NATS_URL } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * API keys with scopes, tenants and rate limits (issue 10, item 8), and the Idempotency-Key
 * header: what an operator configures in HERALD_API_KEYS is what a caller can and cannot do.
 */
const installed = fixture<Record<string, unknown>>('conversationUpdate-botAdded-personal.json');
const TENANT = (installed['conversation'] as { tenantId: string }).tenantId;
const OTHER_TENANT = '0f1e2d3c-4b5a-4697-8877-665544332211';
const KEYS = [
  'plain-key',
  'reader-key;scopes=notifications:read',
  'admin-key;scopes=admin',
  `tenant-key;tenants=${TENANT}`,
  `two-tenants-key;tenants=${TENANT}|${OTHER_TENANT}`,
  'slow-key;rate=3/s',
  'idem-key',
].join(', ');

let herald: Herald;
let nats: NatsConnection;
let secondGateway: NestFastifyApplication;
let secondGatewayUrl: string;

async function install(conversationId: string, tenantId: string): Promise<void> {
  const activity = { ...installed, id: `install-${conversationId}`, serviceUrl: herald.sim.serviceUrl, conversation: { id: conversationId, conversationType: 'personal', tenantId }, channelData: { tenant: { id: tenantId } }, from: { id: `29:${conversationId}`, aadObjectId: crypto.randomUUID() } };
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send(activity).expect(200);
}

const notify = (key: string, body: unknown, url = herald.gatewayUrl) => request(url).post('/api/v1/notifications').set('Authorization', `Bearer ${key}`).send(body as object);
const statusOf = (key: string, id: string) => request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${key}`);
const completed = (key: string, id: string) =>
  eventually(async () => {
    const response = await statusOf(key, id);
    return response.status === 200 && response.body.state === 'completed' ? (response.body as { total: number; sent: number }) : undefined;
  }, 15_000, `notification ${id} completed`);
const sentTo = (conversationId: string, text: string) => herald.sim.connectorCalls.filter((c) => c.operation === 'sendToConversation' && c.conversationId === conversationId && JSON.stringify(c.body).includes(text));
/** Resolves at the start of the next whole second: a burst sent then falls in one rate window. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_000 - (Date.now() % 1_000) + 20));

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: KEYS } });
  await herald.startRouter();
  await install('a:k-home', TENANT);
  await install('a:k-away', OTHER_TENANT);
  await eventually(async () => {
    const warm = await notify('plain-key', { recipients: [{ conversationId: 'a:k-away' }], text: 'warm-up' });
    return ((await completed('plain-key', warm.body.id as string)).sent === 1) || undefined;
  }, 20_000, 'directory ready');
  secondGateway = await createGatewayApp(parseConfig(gatewayConfigSchema, herald.env), createLogger({ service: 'gateway-2', level: 'silent' }));
  await secondGateway.listen({ port: 0, host: '127.0.0.1' });
  secondGatewayUrl = await secondGateway.getUrl();
  nats = await connectToNats({ url: NATS_URL, name: 'api-keys-test', logger: createLogger({ service: 'test', level: 'silent' }) });
});

afterAll(async () => {
  await nats?.close();
  await secondGateway?.close();
  await herald?.close();
});

describe('scopes', () => {
  it('a plain key sends and reads; a read-only key may read but not send (403 problem+json)', async () => {
    const sent = await notify('plain-key', { recipients: [{ conversationId: 'a:k-home' }], text: 'plain' });
    expect(sent.status).toBe(202);
    const refused = await notify('reader-key', { recipients: [{ conversationId: 'a:k-home' }], text: 'from a reader' });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.detail).toContain('notifications:send');
    expect((await statusOf('reader-key', sent.body.id as string)).status, 'a reader sees only its own notifications').toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentTo('a:k-home', 'from a reader')).toHaveLength(0);
  });

  it("an admin key reads another caller's notification; a reader cannot change or cancel anything", async () => {
    const sent = await notify('plain-key', { recipients: [{ conversationId: 'a:k-home' }], text: 'watched by admin' });
    const read = await eventually(async () => {
      const response = await statusOf('admin-key', sent.body.id as string);
      return response.status === 200 ? response : undefined;
    }, 10_000, 'admin reads it');
    expect(read.body).toMatchObject({ id: sent.body.id });
    const cancel = await request(herald.gatewayUrl).post(`/api/v1/notifications/${sent.body.id}/cancel`).set('Authorization', 'Bearer reader-key');
    expect(cancel.status).toBe(403);
    const patch = await request(herald.gatewayUrl).patch(`/api/v1/notifications/${sent.body.id}`).set('Authorization', 'Bearer reader-key').send({ text: 'changed' });
    expect(patch.status).toBe(403);
    const byAdmin = await request(herald.gatewayUrl).post(`/api/v1/notifications/${sent.body.id}/cancel`).set('Authorization', 'Bearer admin-key');
    expect(byAdmin.status, 'an admin may change any caller\'s notification').toBe(202);
    expect((await statusOf('plain-key', sent.body.id as string)).status, 'it stays its owner\'s').toBe(200);
  });
});

describe('tenant restrictions', () => {
  it('allUsers without tenantId is refused for a key not scoped to all tenants, naming the field', async () => {
    const response = await notify('two-tenants-key', { recipients: [{ allUsers: true }], text: 'everyone?' });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ field: 'recipients.0.tenantId' });
  });

  it('a recipient in a tenant the key may not reach is refused with 403 naming the field', async () => {
    const response = await notify('tenant-key', { recipients: [{ conversationId: 'a:k-home' }, { conversationId: 'a:k-away', tenantId: OTHER_TENANT }], text: 'abroad' });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ field: 'recipients.1.tenantId' });
  });

  it("a single-tenant key's recipients default to its tenant: another tenant's chat is not reached", async () => {
    const everyone = await notify('tenant-key', { recipients: [{ allUsers: true }], text: 'home only' });
    expect(everyone.status).toBe(202);
    const direct = await notify('tenant-key', { recipients: [{ conversationId: 'a:k-away' }], text: 'sneaking abroad' });
    expect(direct.status).toBe(202);
    await completed('tenant-key', everyone.body.id as string);
    await completed('tenant-key', direct.body.id as string);
    expect(sentTo('a:k-home', 'home only')).toHaveLength(1);
    expect(sentTo('a:k-away', 'home only')).toHaveLength(0);
    expect(sentTo('a:k-away', 'sneaking abroad')).toHaveLength(0);
  });
});

describe('rate limits per key', () => {
  it('answers 429 problem+json with Retry-After past the key’s limit, counted across gateway replicas', async () => {
    await nextSecond();
    const urls = [herald.gatewayUrl, secondGatewayUrl, herald.gatewayUrl, secondGatewayUrl];
    const answers = [];
    for (const url of urls) answers.push(await request(url).get('/api/v1/notifications/00000000-0000-4000-8000-000000000000').set('Authorization', 'Bearer slow-key'));
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 429]);
    const limited = answers[3]!;
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(1);
    expect((await statusOf('plain-key', '00000000-0000-4000-8000-000000000000')).status, 'other keys are not limited by it').toBe(404);
    await nextSecond();
    expect((await statusOf('slow-key', '00000000-0000-4000-8000-000000000000')).status, 'the next window is open again').toBe(404);
  });

  it('when the shared counter cannot be reached, calls are let through (fail open) and the gateway says so in its log', async () => {
    const jsm = await jetstreamManager(nats);
    const stream = `${herald.prefix.toUpperCase()}_API_RATE`;
    expect(await jsm.streams.info(stream).then(() => true, () => false), 'the limiter keeps its counters in NATS').toBe(true);
    await jsm.streams.delete(stream);
    const response = await notify('plain-key', { recipients: [{ conversationId: 'a:k-home' }], text: 'limiter down' });
    expect(response.status).toBe(202);
    expect(herald.logs.lines.some((line) => JSON.stringify(line).includes('rate limit not checked'))).toBe(true);
  });
});

describe('Idempotency-Key header', () => {
  const body = { recipients: [{ conversationId: 'a:k-home' }], text: 'Invoice 7 is due' };

  it('the same key twice gives the same id and one delivery', async () => {
    const first = await notify('idem-key', body).set('Idempotency-Key', 'invoice-7');
    const second = await notify('idem-key', body).set('Idempotency-Key', '"invoice-7"');
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id, 'quoted as the draft writes it, or bare: one key').toBe(first.body.id);
    const inBody = await notify('idem-key', { ...body, idempotencyKey: 'invoice-7' });
    expect(inBody.body.id, 'the header and the body field are one key').toBe(first.body.id);
    await completed('idem-key', first.body.id as string);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentTo('a:k-home', 'Invoice 7 is due')).toHaveLength(1);
  });

  it('the same key with a different body is 422; a header and body key that disagree are 400', async () => {
    await notify('idem-key', body).set('Idempotency-Key', 'invoice-8').expect(202);
    const changed = await notify('idem-key', { ...body, text: 'Invoice 8 is due (amended)' }).set('Idempotency-Key', 'invoice-8');
    expect(changed.status).toBe(422);
    expect(changed.headers['content-type']).toContain('application/problem+json');
    expect(changed.body.detail).toMatch(/Idempotency-Key/);
    const disagree = await notify('idem-key', { ...body, idempotencyKey: 'invoice-9' }).set('Idempotency-Key', 'invoice-10');
    expect(disagree.status).toBe(400);
    expect(disagree.body).toMatchObject({ field: 'idempotencyKey' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sentTo('a:k-home', 'amended')).toHaveLength(0);
  });
});
