import { describe, expect, it } from 'vitest';
import { activityFixtureNames, fixture } from '@herald/testing';
import { activitySchema, inboundActivitySchema } from './activity.js';

const activityFixtures = activityFixtureNames();

describe('activity schema', () => {
  it('finds the shared fixtures', () => {
    expect(activityFixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(activityFixtures)('parses %s without loss', (file) => {
    const raw = fixture(file);
    const parsed = activitySchema.parse(raw);
    expect(parsed).toEqual(raw);
  });

  it('keeps fields Herald does not name', () => {
    const parsed = activitySchema.parse({ type: 'message', futureField: { a: 1 } });
    expect(parsed).toMatchObject({ futureField: { a: 1 } });
  });

  it('rejects an inbound activity without conversation.id and names the field', () => {
    const result = inboundActivitySchema.safeParse({
      type: 'message',
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
      from: { id: '29:1' },
      conversation: {},
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['conversation', 'id']);
  });
});

describe('inbound activity limits (ids and names of Teams size, no control characters in ids)', () => {
  const valid = {
    type: 'message',
    id: '1712345678901',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/amer/',
    from: { id: '29:1abc', name: 'Megan Bowen' },
    conversation: { id: 'a:1xyz', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
    channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' }, eventType: 'editMessage' },
  };
  const pathOfFirstIssue = (activity: unknown) => inboundActivitySchema.safeParse(activity).error?.issues[0]?.path.join('.');

  it('accepts an activity with ids of 1,024 characters and names of 256', () => {
    const result = inboundActivitySchema.safeParse({ ...valid, id: '1'.repeat(1024), from: { id: '29:1', name: 'n'.repeat(256) } });
    expect(result.success).toBe(true);
  });

  it.each([
    ['CR/LF in conversation.id', { conversation: { id: 'a:1\r\nX-Injected: 1' } }, 'conversation.id'],
    ['a NUL in id', { id: '1\u00002' }, 'id'],
    ['a tab in type', { type: 'mess\tage' }, 'type'],
    ['a line separator in from.id', { from: { id: '29:1\u2028' } }, 'from.id'],
    ['a C1 control character in channelData.tenant.id', { channelData: { tenant: { id: 'a\u0085b' } } }, 'channelData.tenant.id'],
    ['CR in channelData.eventType', { channelData: { eventType: 'editMessage\r' } }, 'channelData.eventType'],
    ['LF in timestamp', { timestamp: '2026-01-01T00:00:00Z\n' }, 'timestamp'],
    ['LF in channelId', { channelId: 'msteams\n' }, 'channelId'],
    ['an id of 70,000 characters', { id: '1'.repeat(70_000) }, 'id'],
    ['a conversation id of 1,025 characters', { conversation: { id: 'a'.repeat(1025) } }, 'conversation.id'],
    ['a type of 1,025 characters', { type: 't'.repeat(1025) }, 'type'],
    ['a timestamp of 65 characters', { timestamp: '2'.repeat(65) }, 'timestamp'],
    ['a user name of 257 characters', { from: { id: '29:1', name: 'n'.repeat(257) } }, 'from.name'],
    ['a conversation name of 257 characters', { conversation: { id: 'a:1', name: 'n'.repeat(257) } }, 'conversation.name'],
    ['a bot name of 257 characters', { recipient: { id: '28:1', name: 'n'.repeat(257) } }, 'recipient.name'],
    // Found by the fuzz (tests/e2e/src/fuzz.e2e.spec.ts): an empty id was stored, then the router
    // recorded a conversation event its own schema refuses, and the conversation directory stalled.
    ['an empty from.id', { from: { id: '' } }, 'from.id'],
    ['an empty id (every other one of the conversation would be its duplicate)', { id: '' }, 'id'],
    ['an empty conversation.id', { conversation: { id: '' } }, 'conversation.id'],
    // Found by the fuzz: nothing before ";messageid=" leaves no conversation; the router retried it for hours.
    ['a conversation.id that is only a thread suffix', { conversation: { id: ';messageid=1712345678901' } }, 'conversation.id'],
    ['a conversation.id that is only a thread suffix (any case)', { conversation: { id: ';MessageId=1' } }, 'conversation.id'],
    ['an empty membersAdded id', { membersAdded: [{ id: '' }] }, 'membersAdded.0.id'],
    ['an empty recipient.id', { recipient: { id: '' } }, 'recipient.id'],
    ['an empty channelData.tenant.id', { channelData: { tenant: { id: '' } } }, 'channelData.tenant.id'],
    ['an empty channelData.team.id', { channelData: { team: { id: '' } } }, 'channelData.team.id'],
    ['an empty channelData.channel.id', { channelData: { channel: { id: '' } } }, 'channelData.channel.id'],
    // A URL path resolves "." and ".." (even as %2E) away: the Bot Connector call would land elsewhere.
    ['a from.id of ".."', { from: { id: '..' } }, 'from.id'],
    ['a conversation.id of "."', { conversation: { id: '.' } }, 'conversation.id'],
    ['a serviceUrl of 2,049 characters', { serviceUrl: `https://smba.trafficmanager.net/${'a'.repeat(2017)}` }, 'serviceUrl'],
  ])('refuses %s and names the field', (_name, overrides, field) => {
    expect(pathOfFirstIssue({ ...valid, ...overrides })).toBe(field);
  });
});
