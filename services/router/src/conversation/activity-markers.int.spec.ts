import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busNames, conversationActiveSchema, metadataFor, SUBJECTS, type ConversationActive } from '@herald/contracts';
import { EventStore, subjectToken } from '@herald/event-sourcing';
import { connectToNats, heraldStreams, MessageBus, provisionTopology, type NatsConnection } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';
import { ActivityMarkers } from './activity-markers.js';

const prefix = uniquePrefix('markers');
const names = busNames(prefix);
let connection: NatsConnection;
let store: EventStore;
let markers: ActivityMarkers;

const marker = (conversationId: string, second: number): ConversationActive => {
  const at = new Date(Date.UTC(2026, 10, 21, 12, 0, second)).toISOString();
  return { type: 'ConversationActive', data: { conversationId, activityType: 'message', lastActivityAt: at }, metadata: metadataFor({ occurredAt: new Date(at) }) };
};
const stored = async (conversationId: string) => {
  const { events } = await store.read(SUBJECTS.conversationActivity(subjectToken(conversationId)), (raw) => conversationActiveSchema.parse(raw));
  return events.map(({ event }) => event.data.lastActivityAt);
};

beforeAll(async () => {
  connection = await connectToNats({ url: NATS_URL, name: 'markers', logger: createLogger({ service: 'test', level: 'silent' }) });
  await provisionTopology(connection, { streams: heraldStreams(names), consumers: [] });
  store = new EventStore(new MessageBus(connection, names), { stream: names.stream('conversationActivity').name });
  markers = new ActivityMarkers(store);
});

afterAll(async () => {
  await connection?.close();
  await deleteStreams(prefix);
});

describe('ActivityMarkers', () => {
  it('keeps one marker per conversation, the newest, whatever order activities are handled in', async () => {
    await markers.move(subjectToken('a:one'), marker('a:one', 10));
    await markers.move(subjectToken('a:one'), marker('a:one', 30));
    await markers.move(subjectToken('a:one'), marker('a:one', 20));
    expect(await stored('a:one')).toEqual(['2026-11-21T12:00:30.000Z']);
  });

  it('ends with the newest when many activities of one conversation are handled at once', async () => {
    const seconds = [7, 3, 9, 1, 8, 2, 6, 4, 5];
    await Promise.all(seconds.map((second) => markers.move(subjectToken('a:busy'), marker('a:busy', second))));
    expect(await stored('a:busy')).toEqual(['2026-11-21T12:00:09.000Z']);
  });
});
