import { describe, expect, it } from 'vitest';
import type { InboundActivity } from '@herald/contracts';
import { fixture as sharedFixture } from '@herald/testing';
import { commandText } from './command-text.js';
import { bestMatch, DISPATCH_TABLE } from './dispatch-table.js';

const fixture = (name: string) => sharedFixture<InboundActivity>(name);
const dispatch = (activity: InboundActivity) => bestMatch({ activity, command: commandText(activity) });

describe('best-match dispatch', () => {
  it('sends `help` to the help dispatcher, whose card lists the commands from the table', () => {
    const activity = { ...fixture('message-personal.json'), text: 'help' };
    const dispatcher = dispatch(activity);
    expect(dispatcher?.name).toBe('help');
    const reply = dispatcher!.reply({ activity, command: 'help' }, DISPATCH_TABLE);
    const card = reply.attachments?.[0]?.content as { body: { facts?: { title: string }[] }[] };
    expect(card.body[1]?.facts?.map((f) => f.title)).toContain('help');
  });

  it('matches help in a channel after the mention', () => {
    expect(dispatch({ ...fixture('message-channel-mention.json'), text: '<at>Chat SDK Demo</at>&nbsp;help' })?.name).toBe('help');
  });

  it('answers unknown text with the fallback, naming what it did not understand', () => {
    const activity = fixture('message-personal.json');
    const dispatcher = dispatch(activity);
    expect(dispatcher?.name).toBe('fallback');
    expect(dispatcher!.reply({ activity, command: 'unlink' }, DISPATCH_TABLE).text).toContain('"unlink"');
  });

  it('does not answer activities that are not messages, nor card submissions', () => {
    expect(dispatch(fixture('conversationUpdate-botAdded-personal.json'))).toBeUndefined();
    expect(dispatch(fixture('messageReaction-like.json'))).toBeUndefined();
    expect(dispatch(fixture('message-action-submit-value.json'))).toBeUndefined();
  });
});
