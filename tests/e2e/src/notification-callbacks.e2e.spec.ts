import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackSignature, callbackSigningSecret } from '@herald/contracts';
import { eventually, fixture } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

const API_KEY = 'callback-key';
let herald: Herald;
let db: pg.Client;
let app: Server;
let appUrl: string;
/** What the integrating app received: raw body, signature header and path. */
const received: { body: string; signature: string | undefined; path: string | undefined }[] = [];
let appDelayMs = 0;
const installed = fixture<Record<string, unknown>>('conversationUpdate-botAdded-personal.json');
const TENANT = (installed['conversation'] as { tenantId: string }).tenantId;

async function post(activity: Record<string, unknown>) {
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  return request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send({ channelId: 'msteams', ...activity, serviceUrl: herald.sim.serviceUrl });
}

/** A notification with a Resolve button to a:cb, delivered; returns the id of the delivered message. */
async function deliveredCard(title: string, path = '/teams-actions'): Promise<string> {
  const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: title }], actions: [{ type: 'Action.Execute', title: 'Resolve', verb: 'resolve', data: { issue: title } }] };
  const created = await request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send({ recipients: [{ conversationId: 'a:cb' }], card, callbackUrl: `${appUrl}${path}` });
  expect(created.status).toBe(202);
  return eventually(async () => {
    const { rows } = await db.query("select activity_id from notifier.notification_recipients where notification_id = $1 and bucket = 'Delivered'", [created.body.id]);
    return rows[0]?.activity_id as string | undefined;
  }, 15_000, 'delivered');
}

/** The person presses Resolve (Action.Execute): Teams posts adaptiveCard/action for that message. */
const press = (messageId: string) =>
  post({
    ...installed, type: 'invoke', name: 'adaptiveCard/action', id: `press-${messageId}-${Date.now()}`, replyToId: messageId,
    conversation: { id: 'a:cb', conversationType: 'personal', tenantId: TENANT }, from: { id: '29:a:cb', name: 'Ada' },
    value: { action: { type: 'Action.Execute', verb: 'resolve', data: { issue: 'SENTRY-9', comment: 'fixed in 1.2' } }, trigger: 'manual' },
  });

beforeAll(async () => {
  app = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ body, signature: req.headers['x-herald-signature'] as string | undefined, path: req.url });
      // `/moved`: a redirect to the real endpoint (307 keeps the POST); `/chatty`: a valid answer of 100 KB.
      if (req.url === '/moved') return void res.writeHead(307, { location: `${appUrl}/teams-actions` }).end();
      const filler = req.url === '/chatty' ? 'x'.repeat(100 * 1024) : '';
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Resolved by Ada${filler}` }] } }));
      }, appDelayMs);
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY } });
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  await post({ ...installed, id: 'install-cb', conversation: { id: 'a:cb', conversationType: 'personal', tenantId: TENANT }, from: { id: '29:a:cb' } });
  await eventually(async () => (await db.query("select 1 from notifier.known_conversations where conversation_id = 'a:cb'")).rows[0], 10_000, 'installed');
});

afterAll(async () => {
  await db?.end();
  await herald?.close();
  app?.closeAllConnections();
  await new Promise((resolve) => app?.close(resolve));
});

describe("card actions on a notification go to the app's callbackUrl", () => {
  it('the callback gets a correctly signed request, and its card is the invoke response', async () => {
    const messageId = await deliveredCard('SENTRY-9: TypeError in checkout');
    const answer = await press(messageId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(answer.body.value)).toContain('Resolved by Ada');

    const call = received.filter((each) => each.body.includes('"cardAction"')).at(-1)!;
    expect(call.signature).toBe(callbackSignature(callbackSigningSecret(API_KEY), call.body));
    expect(call.signature).not.toBe(callbackSignature(callbackSigningSecret('another-key'), call.body));
    expect(JSON.parse(call.body)).toMatchObject({ type: 'cardAction', verb: 'resolve', data: { issue: 'SENTRY-9', comment: 'fixed in 1.2' }, user: { id: '29:a:cb', name: 'Ada' }, messageId });
  });

  it('when every recipient has settled, the callbackUrl gets one signed delivery webhook with the counts', async () => {
    await deliveredCard('SENTRY-11: webhook');
    const webhook = await eventually(async () => received.find((call) => call.body.includes('"notification.completed"') && call.body.includes('"Delivered":1')), 10_000, 'completion webhook');
    expect(webhook.signature).toBe(callbackSignature(callbackSigningSecret(API_KEY), webhook.body));
    expect(JSON.parse(webhook.body)).toMatchObject({ type: 'notification.completed', state: 'completed', total: 1, buckets: { Delivered: 1, Failed: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const notificationId = (JSON.parse(webhook.body) as { notificationId: string }).notificationId;
    expect(received.filter((call) => call.body.includes(notificationId) && call.body.includes('notification.completed')), 'once').toHaveLength(1);
  });

  it('an app that does not answer within 5 s: the person gets a friendly error card, not an error', async () => {
    const messageId = await deliveredCard('SENTRY-10: slow app');
    appDelayMs = 6_500;
    try {
      const started = Date.now();
      const answer = await press(messageId);
      expect(answer.status).toBe(200);
      expect(answer.body.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(answer.body.value)).toMatch(/didn't answer in time/);
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      appDelayMs = 0;
    }
  });

  it('a callback that redirects is not followed: the person gets the friendly error card and the redirect target receives nothing', async () => {
    const messageId = await deliveredCard('SENTRY-12: moved app', '/moved');
    const before = received.filter((call) => call.path === '/teams-actions' && call.body.includes('SENTRY-12')).length;
    const answer = await press(messageId);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body.value)).toMatch(/didn't answer in time/);
    expect(received.some((call) => call.path === '/moved' && call.body.includes('"cardAction"'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.filter((call) => call.path === '/teams-actions' && call.body.includes('"cardAction"') && call.body.includes(messageId)).length, 'nothing reached the redirect target').toBe(before);
  });

  it('an answer over 64 KiB is cut off and treated as no answer', async () => {
    const messageId = await deliveredCard('SENTRY-13: chatty app', '/chatty');
    const answer = await press(messageId);
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body.value)).not.toContain('Resolved by Ada');
    expect(JSON.stringify(answer.body.value)).toMatch(/didn't answer in time/);
  });
});
