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
