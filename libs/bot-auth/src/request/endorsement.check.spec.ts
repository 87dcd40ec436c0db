import { describe, expect, it } from 'vitest';
import { checkEndorsement } from './endorsement.check.js';

describe('endorsement check', () => {
  it('accepts a key endorsing the channel', () => {
    expect(() => checkEndorsement(['skype', 'msteams'], 'msteams')).not.toThrow();
  });

  it.each([
    ['a key endorsing other channels only', ['webchat', 'slack'], 'msteams'],
    ['a key endorsing nothing', [], 'msteams'],
    ['a key without endorsements', undefined, 'msteams'],
    ['an activity without channelId', ['msteams'], undefined],
    ['a channel id differing in case', ['msteams'], 'MsTeams'],
  ])('refuses %s with 403 (Bot Connector auth doc, step 3)', (_name, endorsements, channelId) => {
    expect(() => checkEndorsement(endorsements, channelId)).toThrow(expect.objectContaining({ status: 403, check: 'endorsement' }));
  });
});
