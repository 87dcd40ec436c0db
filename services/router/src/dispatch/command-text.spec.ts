import { describe, expect, it } from 'vitest';
import type { InboundActivity } from '@herald/contracts';
import { fixture as sharedFixture } from '@herald/testing';
import { commandText } from './command-text.js';

const fixture = (name: string) => sharedFixture<InboundActivity>(name);


describe('commandText', () => {
  it('strips the bot mention and NBSP from a channel message', () => {
    const activity = fixture('message-channel-mention.json');
    expect(commandText({ ...activity, text: '<at>Chat SDK Demo</at>&nbsp;Help ' })).toBe('help');
    expect(commandText({ ...activity, text: '<at>Chat SDK Demo</at>\u00a0help\u00a0' })).toBe('help');
  });

  it('keeps the rest of the fixture text', () => {
    expect(commandText(fixture('message-channel-mention.json'))).toBe('hey');
  });

  it('lower-cases and trims a personal message', () => {
    expect(commandText(fixture('message-personal.json'))).toBe('unlink');
    expect(commandText({ text: '  HELP  ' })).toBe('help');
  });

  it('strips HTML and mentions of the bot that carry attributes', () => {
    expect(commandText({ text: '<p><at id="0">Herald</at> <b>help</b></p>' })).toBe('help');
  });

  it('is empty for a message without text (an Action.Submit)', () => {
    expect(commandText(fixture('message-action-submit-value.json'))).toBe('');
  });
});
