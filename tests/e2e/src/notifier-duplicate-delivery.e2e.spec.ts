import type { NatsConnection } from '@nats-io/transport-node';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, type DeliveryRequested } from '@herald/contracts';
import { connectToNats, MessageBus } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { eventually, fixture, NATS_URL } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * The same delivery handled twice at once — JetStream delivers at least once, nats-server 2.9 may
 * deliver a message twice at once (nats-server#5305), a rescheduled copy may meet a redelivery —
 * is sent once and settles by the Bot Connector's answer: not Unknown while the first attempt is
 * still waiting for that answer.
 */
const API_KEY = 'duplicate-key';
const installed = fixture<Record<string, unknown>>('conversationUpdate-botAdded-personal.json');
const TENANT = (installed['conversation'] as { tenantId: string }).tenantId;
const CONVERSATION = 'a:duplicate-1';
let herald: Herald;
let nats: NatsConnection;

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY } });
  await herald.startRouter();
  nats = await connectToNats({ url: NATS_URL, name: 'duplicate-delivery', logger: createLogger({ service: 'test', level: 'silent' }) });
  const activity = { ...installed, id: 'install-duplicate', serviceUrl: herald.sim.serviceUrl, conversation: { id: CONVERSATION, conversationType: 'personal', tenantId: TENANT }, from: { id: `29:${CONVERSATION}` } };
  await herald.sim.postActivity(activity, { endpoint: `${herald.gatewayUrl}/api/messages` });
  const status = (id: string) => request(herald.gatewayUrl).get(`/api/v1/notifications/${id}`).set('Authorization', `Bearer ${API_KEY}`);
  // The directory has the chat once a notification to it resolves to one recipient.
  await eventually(async () => {
    const probe = await request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send({ recipients: [{ conversationId: CONVERSATION }], text: `probe ${Date.now()}` });
    return (await eventually(async () => ((await status(probe.body.id as string)).body as { state?: string }).state === 'completed' || undefined, 10_000)) && ((await status(probe.body.id as string)).body as { buckets: Record<string, number> }).buckets['Delivered'] === 1 ? true : undefined;
  }, 30_000, 'the chat in the directory');
});

afterAll(async () => {
  await nats?.close();
  await herald?.close();
});

describe('one delivery handled twice at once', () => {
  it('is sent once and settles Delivered', async () => {
    const prefix = `${herald.prefix}.`;
    const copies: Promise<unknown>[] = [];
    // Every DeliveryRequested is stored a second time, under another Nats-Msg-Id, the moment it is published.
    const bus = new MessageBus(nats, busNames(herald.prefix));
    const subscription = nats.subscribe(`${prefix}notifier.deliver.>`, {
      callback: (_error, message) => {
        const command = message.json<DeliveryRequested>();
        copies.push(bus.publish(message.subject.slice(prefix.length), command, { msgID: `copy:${command.metadata.id}` }));
      },
    });
    await nats.flush();
    // The Bot Connector takes its time to answer: the first attempt holds the send meanwhile.
    herald.sim.failConversation(CONVERSATION, { answerAfterMs: 1_500 });
    const created = await request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send({ recipients: [{ conversationId: CONVERSATION }], text: 'Sent twice at once?' });
    expect(created.status).toBe(202);
    await eventually(() => (copies.length > 0 ? true : undefined), 10_000, 'the copy stored');
    await Promise.all(copies);
    subscription.unsubscribe();

    const status = await eventually(async () => {
      const response = await request(herald.gatewayUrl).get(`/api/v1/notifications/${created.body.id as string}`).set('Authorization', `Bearer ${API_KEY}`);
      return (response.body as { state?: string }).state === 'completed' ? (response.body as { buckets: Record<string, number> }) : undefined;
    }, 30_000, 'completed');
    herald.sim.clearFaults();
    expect(status.buckets).toMatchObject({ Delivered: 1, Unknown: 0 });
    expect(herald.sim.connectorCalls.filter((call) => call.operation === 'sendToConversation' && JSON.stringify(call.body).includes('Sent twice at once?'))).toHaveLength(1);
  });
});
