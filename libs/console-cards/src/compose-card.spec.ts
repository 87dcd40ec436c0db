import { describe, expect, it } from 'vitest';
import { consoleDraftSchema } from '@herald/contracts';
import { composeCard } from './compose-card.js';
import { draftProblems } from './draft-problems.js';

const draft = (input: Record<string, unknown>) => consoleDraftSchema.parse(input);

describe('composeCard', () => {
  it('lays out title, image, summary, body, link buttons and Acknowledge carrying the notification id', () => {
    const card = composeCard(
      draft({ title: 'Town hall', imageUrl: 'https://contoso.example/hall.png', summary: 'Friday 10:00', body: '**Agenda** inside', buttons: [{ title: 'Join', url: 'https://contoso.example/join' }], acknowledge: true }),
      { notificationId: 'console-m1', acknowledgeTitle: 'Bestätigen' },
    );
    expect(card.body).toEqual([
      expect.objectContaining({ type: 'TextBlock', text: 'Town hall', weight: 'Bolder' }),
      expect.objectContaining({ type: 'Image', url: 'https://contoso.example/hall.png', altText: 'Town hall' }),
      expect.objectContaining({ type: 'TextBlock', text: 'Friday 10:00' }),
      expect.objectContaining({ type: 'TextBlock', text: '**Agenda** inside' }),
    ]);
    expect(card['actions']).toEqual([
      { type: 'Action.OpenUrl', title: 'Join', url: 'https://contoso.example/join' },
      { type: 'Action.Execute', verb: 'acknowledge', title: 'Bestätigen', data: { title: 'Town hall', text: 'Friday 10:00', notificationId: 'console-m1' } },
    ]);
  });

  it('leaves out what the author left empty, and has no actions without buttons', () => {
    const card = composeCard(draft({ title: 'Only a title' }));
    expect(card.body).toHaveLength(1);
    expect(card).not.toHaveProperty('actions');
  });

  it('gives the advanced card as written (bound later)', () => {
    const advanced = { card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${greeting}' }] }, data: { greeting: 'Hi' } };
    expect(composeCard(draft({ advanced }))).toEqual(advanced.card);
  });
});

describe('draftProblems', () => {
  it('names the empty content and the missing audience', () => {
    expect(draftProblems(draft({}))).toEqual([
      { field: 'title', message: 'give a title, a summary or a body' },
      { field: 'audience', message: 'choose at least one team, group, or everyone' },
    ]);
  });

  it('finds nothing wrong with a titled message to everyone', () => {
    expect(draftProblems(draft({ title: 'Hello', audience: { everyone: true } }))).toEqual([]);
  });

  it('wants an advanced card to have a body', () => {
    expect(draftProblems(draft({ advanced: { card: { type: 'AdaptiveCard', body: [] } }, audience: { everyone: true } }))).toEqual([{ field: 'advanced.card.body', message: 'the card has no body elements' }]);
  });
});
