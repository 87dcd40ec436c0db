import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activitySchema, inboundActivitySchema } from './activity.js';

const fixturesDir = new URL('../../../../shared/fixtures/', import.meta.url);
const activityFixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.json') && !f.startsWith('auth-'));

describe('activity schema', () => {
  it('finds the shared fixtures', () => {
    expect(activityFixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(activityFixtures)('parses %s without loss', (file) => {
    const raw = JSON.parse(readFileSync(new URL(file, fixturesDir), 'utf8'));
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
