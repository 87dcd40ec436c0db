import { describe, expect, it } from 'vitest';
import { Problem } from '../problem-details.filter.js';
import { boundContent } from './notification-requested.js';

const card = (element: Record<string, unknown>) => ({ type: 'AdaptiveCard' as const, version: '1.5', body: [element] });

describe('boundContent', () => {
  it("binds the card's ${…} expressions to data once", () => {
    expect(boundContent({ card: card({ type: 'TextBlock', text: 'Hello ${name}' }), data: { name: 'Megan' } }).card?.body).toEqual([{ type: 'TextBlock', text: 'Hello Megan' }]);
  });

  // Found by the fuzz (tests/e2e/src/fuzz.e2e.spec.ts): an expression that fails when evaluated
  // threw out of the templating library, and the API answered 500.
  it.each(['${createArray(1,2)[5]}', '${substring("a", 5, 10)}'])('refuses a card whose expression %s cannot be bound: 400 naming the card', (expression) => {
    let thrown: unknown;
    try {
      boundContent({ card: card({ type: 'TextBlock', $data: expression, text: expression }), data: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect((thrown as Problem).getStatus()).toBe(400);
    expect((thrown as Problem).getResponse()).toMatchObject({ field: 'card', detail: expect.stringContaining('card') });
  });

  // Found by the fuzz: a root `$data` array repeats the whole card (binding gives an array), a root
  // `$when` that is false removes it; either was stored, and the notifier could never read the event.
  it.each([
    ['a root $data array', { $data: [1, 2] }],
    ['a root $when that is false', { $when: '${false}' }],
  ])('refuses a card that binding turns into no Adaptive Card (%s): 400 naming the card', (_name, root) => {
    let thrown: unknown;
    try {
      boundContent({ card: { ...card({ type: 'TextBlock', text: 'x' }), ...root }, data: { a: 1 } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect((thrown as Problem).getResponse()).toMatchObject({ field: 'card' });
  });

  // Found probing what the fuzz reported: a `$data` over a long list (or lists within lists) binds
  // into a card far over what one NATS message holds, and the API answered 503 "the message bus is
  // unavailable"; Teams refuses a message over 100 KB (as UTF-16) anyway (413 MessageSizeTooBig).
  it('refuses a card that binds into more than a Teams message holds: 400 naming the card', () => {
    let thrown: unknown;
    try {
      boundContent({ card: card({ type: 'TextBlock', $data: '${items}', text: 'item ${$data} of the list' }), data: { items: Array.from({ length: 20_000 }, (_, i) => i) } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Problem);
    expect((thrown as Problem).getResponse()).toMatchObject({ field: 'card', detail: expect.stringContaining('100 KB') });
  });
});
