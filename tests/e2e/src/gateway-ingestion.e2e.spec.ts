import { request as httpRequest } from 'node:http';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_APP_ID, DEV_APP_SECRET, parseConfig } from '@herald/config';
import { busNames, SUBJECTS } from '@herald/contracts';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { connectToNats, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { CapturedLogs, createTestDatabase, deleteStreams, NATS_URL, uniquePrefix, fixture as sharedFixture } from '@herald/testing';

const fixture = sharedFixture<{ conversation: { id: string } }>('message-personal.json');
const prefix = uniquePrefix('gw');
const names = busNames(prefix);
const logs = new CapturedLogs();
const logger = createLogger({ service: 'gateway', level: 'info', destination: logs });
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sim: TeamsSim;
let gateway: NestFastifyApplication;
let url: string;
let nats: NatsConnection;

const activity = (overrides: Record<string, unknown> = {}) => ({
  ...fixture,
  id: `${Date.now()}${Math.floor(Math.random() * 1e6)}`,
  serviceUrl: sim.serviceUrl,
  recipient: { id: `28:${DEV_APP_ID}` },
  ...overrides,
});
const post = async (body: unknown, token?: string) =>
  request(url).post('/api/messages').set('Authorization', `Bearer ${token ?? (await sim.mintChannelToken({ serviceUrl: sim.serviceUrl }))}`).send(body as object);
/** Node's http client sends a flat header list as given (Host included): two Authorization headers stay two. */
const postWithRawHeaders = (body: unknown, headers: string[]) =>
  new Promise<number>((resolve, reject) => {
    const payload = JSON.stringify(body);
    const outgoing = httpRequest(`${url}/api/messages`, { method: 'POST', headers: ['Host', new URL(url).host, ...headers, 'Content-Type', 'application/json', 'Content-Length', String(Buffer.byteLength(payload))] }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
const storedCount = async () => (await (await jetstreamManager(nats)).streams.info(names.stream('inbound').name)).state.messages;

beforeAll(async () => {
  database = await createTestDatabase();
  sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET });
  const env = { HERALD_BUS_PREFIX: prefix, DATABASE_URL: database.url, TEAMS_SIM_URL: sim.url };
  gateway = await createGatewayApp(parseConfig(gatewayConfigSchema, env), logger);
  await gateway.listen({ port: 0, host: '127.0.0.1' });
  url = await gateway.getUrl();
  nats = await connectToNats({ url: NATS_URL, name: 'test', logger });
});

afterAll(async () => {
  await gateway?.close();
  await nats?.close();
  await sim?.close();
  await deleteStreams(prefix);
  await database?.drop();
});

describe('POST /api/messages', () => {
  it('stores a signed activity in JetStream before answering 200 with an empty body', async () => {
    const before = await storedCount();
    const sent = activity({ text: 'hello' });
    const response = await post(sent);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    expect(await storedCount()).toBe(before + 1);
    const stored = await (await jetstreamManager(nats)).streams.getMessage(names.stream('inbound').name, { last_by_subj: names.subject(SUBJECTS.activityReceived) });
    // The de-duplication key is a fixed-size hash of channel, conversation, type and id (never raw ids in a header).
    expect(stored!.header.get('Nats-Msg-Id')).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.json<{ data: { activity: unknown } }>().data.activity).toEqual(sent);
  });

  it('stores an activity Teams posts twice only once', async () => {
    const sent = activity();
    const before = await storedCount();
    expect((await post(sent)).status).toBe(200);
    expect((await post(sent)).status).toBe(200);
    expect(await storedCount()).toBe(before + 1);
  });

  it('answers 400 problem+json naming the missing field, and stores nothing', async () => {
    const before = await storedCount();
    const { conversation: _dropped, ...withoutConversation } = activity();
    const response = await post(withoutConversation);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, field: 'conversation' });
    expect(await storedCount()).toBe(before);
  });

  it('answers 401 without a token, or with a token for another bot', async () => {
    expect((await request(url).post('/api/messages').send(activity())).status).toBe(401);
    const otherBot = await sim.mintChannelToken({ serviceUrl: sim.serviceUrl, audience: 'another-bot' });
    const response = await post(activity(), otherBot);
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 403 when the serviceUrl differs from the token claim, and accepts a trailing-slash difference', async () => {
    const token = await sim.mintChannelToken({ serviceUrl: 'https://smba.trafficmanager.net/amer/' });
    expect((await post(activity(), token)).status).toBe(403);
    const noSlash = await sim.mintChannelToken({ serviceUrl: sim.serviceUrl.replace(/\/$/, '') });
    expect((await post(activity(), noSlash)).status).toBe(200);
  });

  it('answers 413 problem+json to a body over 256 KB', async () => {
    const response = await post(activity({ text: 'x'.repeat(300 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('accepts and stores an activity type it does not know yet (forward compatible)', async () => {
    const before = await storedCount();
    expect((await post(activity({ type: 'meetingReactionsChanged' }))).status).toBe(200);
    expect(await storedCount()).toBe(before + 1);
  });

  it('answers 400 problem+json to a body that is not JSON', async () => {
    const token = await sim.mintChannelToken({ serviceUrl: sim.serviceUrl });
    const response = await request(url).post('/api/messages').set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/json').send('{"type":');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('stores an invoke, then answers 503 at once, naming the invoke in the log, when no service answers it', async () => {
    const before = await storedCount();
    const invoke = activity({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'x' } } });
    const response = await post(invoke);
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(await storedCount()).toBe(before + 1);
    expect(logs.lines.find((l) => l['msg'] === 'invoke adaptiveCard/action got no answer' && l['activityId'] === invoke.id)).toBeDefined();
  });

  it('waits 4 s for a slow invoke answer, then answers 503', async () => {
    const silent = nats.subscribe(names.subject(SUBJECTS.routerInvoke), { callback: () => undefined });
    try {
      const started = Date.now();
      const response = await post(activity({ type: 'invoke', name: 'task/fetch' }));
      const waited = Date.now() - started;
      expect(response.status).toBe(503);
      expect(waited).toBeGreaterThanOrEqual(3_900);
      expect(waited).toBeLessThan(6_000);
    } finally {
      silent.unsubscribe();
    }
  });

  it('refuses two Authorization headers and a lowercase scheme with 401', async () => {
    const token = await sim.mintChannelToken({ serviceUrl: sim.serviceUrl });
    expect(await postWithRawHeaders(activity(), ['Authorization', `Bearer ${token}`, 'Authorization', `Bearer ${token}`])).toBe(401);
    expect(await postWithRawHeaders(activity(), ['Authorization', `Bearer ${token}`])).toBe(200);
    const lowercase = await request(url).post('/api/messages').set('Authorization', `bearer ${token}`).send(activity());
    expect(lowercase.status).toBe(401);
  });

  it('never logs the token', () => {
    expect(JSON.stringify(logs.lines)).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });

  it.each([
    ['a conversation id holding CR/LF', { conversation: { ...fixture.conversation, id: 'a:1\r\nX-Injected: 1' } }, 'conversation.id'],
    ['an activity id of 70,000 characters', { id: '1'.repeat(70_000) }, 'id'],
    ['a type holding a line feed', { type: 'message\n' }, 'type'],
    ['a user name of 10,000 characters', { from: { id: '29:1', name: 'n'.repeat(10_000) } }, 'from.name'],
  ])('answers 400 problem+json naming the field to %s, stores nothing, and stays ready', async (_name, overrides, field) => {
    const before = await storedCount();
    const response = await post(activity(overrides));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, field });
    expect(await storedCount()).toBe(before);
    expect((await request(url).get('/readyz')).status).toBe(200);
    expect((await post(activity())).status).toBe(200);
  });

  it.each([
    ['a body missing a required field', () => request(url).post('/api/messages').send({ type: 'message' })],
    ['a body that is not JSON', () => request(url).post('/api/messages').set('Content-Type', 'application/json').send('{"type":')],
    ['a body of an unsupported media type', () => request(url).post('/api/messages').set('Content-Type', 'text/plain').send('hello')],
    ['a malformed body and a token for another bot', async () =>
      request(url).post('/api/messages').set('Authorization', `Bearer ${await sim.mintChannelToken({ serviceUrl: sim.serviceUrl, audience: 'another-bot' })}`).send({ type: 'message' })],
  ])('answers 401 to an unauthenticated caller with %s, telling nothing about the schema', async (_name, send) => {
    const response = await send();
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).not.toHaveProperty('field');
    expect(response.text).not.toMatch(/conversation|serviceUrl|from|expected|invalid_type|JSON/i);
  });

  it('answers 503 with Retry-After when JetStream cannot store the activity, never 200', async () => {
    const jsm = await jetstreamManager(nats);
    await jsm.streams.delete(names.stream('inbound').name);
    const response = await post(activity());
    expect(response.status).toBe(503);
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
