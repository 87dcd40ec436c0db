import { describe, expect, it } from 'vitest';
import type { InboundActivity } from '@herald/contracts';
import { deduplicationId } from './activity-received.js';

const message: InboundActivity = {
  type: 'message',
  id: '1712345678901',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  from: { id: '29:1abc' },
  conversation: { id: 'a:1xyz' },
  text: 'hello',
};
const edit = (eventType: string, timestamp: string): InboundActivity => ({
  ...message,
  type: 'messageUpdate',
  timestamp,
  channelData: { eventType },
});

describe('deduplicationId (the JetStream Nats-Msg-Id of an inbound activity)', () => {
  it('is a fixed-size hash, whatever the size of the ids it covers', () => {
    expect(deduplicationId(message)).toMatch(/^[0-9a-f]{64}$/);
    expect(deduplicationId({ ...message, id: '1'.repeat(1024), conversation: { id: 'a'.repeat(1024) } })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same activity sent again, whatever else it carries', () => {
    expect(deduplicationId({ ...message, text: 'retried', timestamp: '2026-01-01T00:00:01Z' })).toBe(deduplicationId(message));
  });

  it.each([
    ['another id', { id: '1712345678902' }],
    ['another conversation', { conversation: { id: 'a:2xyz' } }],
    ['another type sharing the id', { type: 'conversationUpdate' }],
    ['another channel', { channelId: 'webchat' }],
    ['parts that read the same once joined with ":"', { conversation: { id: 'a' }, type: '1xyz:message' }],
  ])('tells apart %s', (_name, overrides) => {
    expect(deduplicationId({ ...message, ...overrides })).not.toBe(deduplicationId(message));
  });

  it('tells apart two edits of one message by event type and time, and repeats for a re-sent edit', () => {
    const first = edit('editMessage', '2026-01-01T00:00:01Z');
    expect(deduplicationId(first)).not.toBe(deduplicationId(edit('editMessage', '2026-01-01T00:00:02Z')));
    expect(deduplicationId(first)).not.toBe(deduplicationId(edit('undeleteMessage', '2026-01-01T00:00:01Z')));
    expect(deduplicationId(first)).toBe(deduplicationId(edit('editMessage', '2026-01-01T00:00:01Z')));
    expect(deduplicationId(first)).not.toBe(deduplicationId(message));
  });

  it('ignores event type and time for other activity types', () => {
    expect(deduplicationId({ ...message, timestamp: 'a', channelData: { eventType: 'x' } })).toBe(deduplicationId(message));
  });

  it('derives an id from the content of an activity that has none', () => {
    const { id: _id, ...withoutId } = message;
    expect(deduplicationId(withoutId)).toBe(deduplicationId({ ...withoutId }));
    expect(deduplicationId(withoutId)).not.toBe(deduplicationId({ ...withoutId, text: 'other' }));
  });
});
