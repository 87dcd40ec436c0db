import { describe, expect, it } from 'vitest';
import { checkTeamsChannel } from './teams-channel.check.js';

describe('teams-channel check', () => {
  it('accepts msteams', () => {
    expect(() => checkTeamsChannel('msteams')).not.toThrow();
  });

  it.each(['webchat', 'MSTEAMS', 'directline', '', undefined])('refuses channel %s with 403', (channelId) => {
    expect(() => checkTeamsChannel(channelId)).toThrow(expect.objectContaining({ status: 403, check: 'teams-channel' }));
  });
});
