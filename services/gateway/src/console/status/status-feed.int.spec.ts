import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, metadataFor, SUBJECTS, type ConsoleStatusSnapshot, type NotificationStatus } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { connectToNats, heraldStreams, MessageBus, provisionTopology, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, eventually, NATS_URL, uniquePrefix } from '@herald/testing';
import { initialState, type ConsoleMessage } from '../messages/console-message.js';
import { MessageStatusClient } from './message-status.client.js';
import { StatusFeed } from './status-feed.js';

/**
 * The live status feed on real NATS: the notifier is stood in for at its contract (status and
 * engagement requests answered from what the test says, and counted), the notification's events
 * are published for real.
 */
const prefix = uniquePrefix('status_feed');
const names = busNames(prefix);
const logger = createLogger({ service: 'test', level: 'silent' });
const MESSAGE: ConsoleMessage = { ...initialState(), phase: 'sent', id: 'm-1', version: 2, author: { aadObjectId: 'aad-ada', tenantId: 't1' }, send: {}, notificationId: 'console-m-1' };

let connection: NatsConnection;
let bus: MessageBus;
let delivered = 0;
const asked: number[] = [];

const status = (): NotificationStatus => ({ id: 'console-m-1', state: delivered >= 100 ? 'completed' : 'sending', total: 100, sent: delivered, failed: 0, skipped: 0, held: 0, digested: 0, pending: 100 - delivered, buckets: { Delivered: delivered, Failed: 0, Unknown: 0, NotInstalled: 0, Skipped: 0, Held: 0, Digested: 0 } });
const settled = (n: number) => bus.publish(SUBJECTS.notification(subjectToken('console-m-1')), { type: 'RecipientSettled', data: { notificationId: 'console-m-1', recipientKey: `a:${n}`, bucket: 'Delivered', attempts: 1 }, metadata: metadataFor({ occurredAt: new Date() }) });

beforeAll(async () => {
  connection = await connectToNats({ url: NATS_URL, name: 'status-feed', logger });
  await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
  bus = new MessageBus(connection, names);
  connection.subscribe(names.subject(SUBJECTS.notificationStatusRequest), {
    callback: (_error, request) => {
      asked.push(Date.now());
      request.respond(JSON.stringify(status()));
    },
  });
  connection.subscribe(names.subject(SUBJECTS.notificationEngagementRequest), {
    callback: (_error, request) => {
      request.respond(JSON.stringify({ notificationId: 'console-m-1', acknowledged: 0, reactions: {} }));
    },
  });
});

afterAll(async () => {
  await connection?.close();
  await deleteStreams(prefix);
});

describe('the live status feed', () => {
  it('sends the status on start, then follows a burst of settled recipients with at most 4 reads a second, ending on the last', async () => {
    const sent: ConsoleStatusSnapshot[] = [];
    const feed = new StatusFeed(MESSAGE, { bus, reads: new MessageStatusClient(bus, logger), reload: () => Promise.resolve(MESSAGE), send: (snapshot) => sent.push(snapshot), logger }, { settleMs: 300 });
    await feed.start();
    expect(sent).toEqual([{ state: 'sending', status: expect.objectContaining({ sent: 0 }), engagement: { notificationId: 'console-m-1', acknowledged: 0, reactions: {} } }]);
    const started = Date.now();
    asked.length = 0;
    for (let n = 1; n <= 100; n += 1) {
      delivered = n;
      await settled(n);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await eventually(() => (sent.at(-1)?.state === 'sent' ? true : undefined), 5_000, 'the last status');
    const seconds = (Date.now() - started) / 1_000;
    expect(sent.at(-1)!.status).toMatchObject({ state: 'completed', sent: 100 });
    expect(asked.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 2);
    expect(new Set(sent.map((snapshot) => JSON.stringify(snapshot))).size, 'only changes are sent').toBe(sent.length);

    feed.stop();
    const reads = asked.length;
    await settled(101);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(asked.length, 'a stopped feed reads nothing more').toBe(reads);
  });
});
