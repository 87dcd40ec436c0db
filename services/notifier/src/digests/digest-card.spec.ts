import { describe, expect, it } from 'vitest';
import { digestCard } from './digest-card.js';

describe('a digest card', () => {
  it('lists every notification once, oldest first, with its title and text', () => {
    const card = digestCard(
      [
        { topic: 'builds', content: { text: 'Build 1 passed' } },
        { topic: undefined, content: { card: { type: 'AdaptiveCard', body: [{ type: 'Container', items: [{ type: 'TextBlock', text: 'Deploy done' }, { type: 'TextBlock', text: 'to prod' }] }] } } },
      ],
      'hourly',
    );
    const texts = (card['body'] as { text: string }[]).map((block) => block.text);
    expect(texts).toEqual(['Your hourly digest: 2 notifications', 'About builds', 'Build 1 passed', 'Deploy done', 'to prod']);
  });

  it('stays small: long texts cut, beyond fifty only counted', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ topic: 'builds', content: { text: `${i} ${'x'.repeat(1_000)}` } }));
    const card = digestCard(many, 'daily');
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
    expect(JSON.stringify(card)).toContain('…and 10 more.');
  });
});
