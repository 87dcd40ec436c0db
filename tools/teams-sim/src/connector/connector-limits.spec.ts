import { describe, expect, it } from 'vitest';
import { ConnectorLimits } from './connector-limits.js';

const T0 = 1_000_000;

describe("teams-sim's Bot Connector rate limits", () => {
  it('allows 7 messages a second per conversation, then answers 429 with Retry-After', () => {
    const limits = new ConnectorLimits({ enforce: true });
    for (let i = 0; i < 7; i++) expect(limits.admit('a:1', 't', T0 + i)).toBeUndefined();
    const refused = limits.admit('a:1', 't', T0 + 10);
    expect(refused).toMatchObject({ status: 429, headers: { 'retry-after': '1' } });
    expect(limits.admit('a:2', 't', T0 + 10), 'another conversation is not affected').toBeUndefined();
    expect(limits.admit('a:1', 't', T0 + 1_000), 'the oldest left the 1 s window').toBeUndefined();
    expect(limits.throttled).toBe(1);
  });

  it('allows 8 per 2 s and 60 per 30 s per conversation', () => {
    const limits = new ConnectorLimits({ enforce: true });
    for (let i = 0; i < 8; i++) expect(limits.admit('a:1', 't', T0 + i * 250)).toBeUndefined();
    expect(limits.admit('a:1', 't', T0 + 1_900)).toMatchObject({ status: 429 });
    const slow = new ConnectorLimits({ enforce: true });
    for (let i = 0; i < 60; i++) expect(slow.admit('a:1', 't', T0 + i * 300)).toBeUndefined();
    expect(slow.admit('a:1', 't', T0 + 18_100)).toMatchObject({ status: 429, headers: { 'retry-after': '12' } });
  });

  it('allows 50 requests a second per tenant across conversations', () => {
    const limits = new ConnectorLimits({ enforce: true });
    for (let i = 0; i < 50; i++) expect(limits.admit(`a:${i}`, 'tenant-1', T0 + i)).toBeUndefined();
    expect(limits.admit('a:new', 'tenant-1', T0 + 60)).toMatchObject({ status: 429 });
    expect(limits.admit('a:new', 'tenant-2', T0 + 60)).toBeUndefined();
  });

  it('does not throttle unless asked to, but always answers a chosen conversation with its fault', () => {
    const limits = new ConnectorLimits({});
    for (let i = 0; i < 100; i++) expect(limits.admit('a:1', 't', T0)).toBeUndefined();
    limits.faults.set('a:1', { status: 403, code: 'ConversationBlockedByUser' });
    expect(limits.admit('a:1', 't', T0)).toEqual({ status: 403, code: 'ConversationBlockedByUser' });
  });
});
