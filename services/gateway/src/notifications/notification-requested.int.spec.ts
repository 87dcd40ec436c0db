import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@herald/telemetry';
import { CapturedLogs } from '@herald/testing';
import { Problem } from '../problem-details.filter.js';
import { CardBinder } from './card-binding/card-binder.js';
import { boundContent } from './notification-requested.js';

// Cards are bound by real binder processes (card-binding/), as in the gateway.
const cards = new CardBinder(createLogger({ service: 'test', destination: new CapturedLogs() }));
beforeAll(() => cards.onModuleInit());
afterAll(() => cards.onApplicationShutdown());

const card = (element: Record<string, unknown>) => ({ type: 'AdaptiveCard' as const, version: '1.5', body: [element] });

async function refusal(request: Parameters<typeof boundContent>[0]): Promise<Problem> {
  const thrown = await boundContent(request, cards).then(() => undefined, (error: unknown) => error);
  expect(thrown).toBeInstanceOf(Problem);
  expect((thrown as Problem).getStatus()).toBe(400);
  return thrown as Problem;
}

describe('boundContent', () => {
  it("binds the card's ${…} expressions to data once", async () => {
    expect((await boundContent({ card: card({ type: 'TextBlock', text: 'Hello ${name}' }), data: { name: 'Megan' } }, cards)).card?.body).toEqual([{ type: 'TextBlock', text: 'Hello Megan' }]);
  });

  it('sends a card without data as it is, and text alone as text', async () => {
    const unbound = card({ type: 'TextBlock', text: 'Hello ${name}' });
    expect(await boundContent({ card: unbound }, cards)).toEqual({ card: unbound });
    expect(await boundContent({ text: 'hi', data: { a: 1 } }, cards)).toEqual({ text: 'hi' });
  });

  // Found by the fuzz (tests/e2e/src/fuzz.e2e.spec.ts): an expression that fails when evaluated
  // threw out of the templating library, and the API answered 500.
  it.each(['${createArray(1,2)[5]}', '${substring("a", 5, 10)}'])('refuses a card whose expression %s cannot be bound: 400 naming the card', async (expression) => {
    const problem = await refusal({ card: card({ type: 'TextBlock', $data: expression, text: expression }), data: {} });
    expect(problem.getResponse()).toMatchObject({ field: 'card', detail: expect.stringContaining('card') });
  });

  // Found by the fuzz: a root `$data` array repeats the whole card (binding gives an array), a root
  // `$when` that is false removes it; either was stored, and the notifier could never read the event.
  it.each([
    ['a root $data array', { $data: [1, 2] }],
    ['a root $when that is false', { $when: '${false}' }],
  ])('refuses a card that binding turns into no Adaptive Card (%s): 400 naming the card', async (_name, root) => {
    const problem = await refusal({ card: { ...card({ type: 'TextBlock', text: 'x' }), ...root }, data: { a: 1 } });
    expect(problem.getResponse()).toMatchObject({ field: 'card' });
  });

  // Found probing what the fuzz reported: a `$data` over a long list (or lists within lists) binds
  // into a card far over what one NATS message holds, and the API answered 503 "the message bus is
  // unavailable"; Teams refuses a message over 100 KB (as UTF-16) anyway (413 MessageSizeTooBig).
  it('refuses a card that binds into more than a Teams message holds: 400 naming the card', async () => {
    const problem = await refusal({ card: card({ type: 'TextBlock', $data: '${items}', text: 'item ${$data} of the list' }), data: { items: Array.from({ length: 20_000 }, (_, i) => i) } });
    expect(problem.getResponse()).toMatchObject({ field: 'card', detail: expect.stringContaining('100 KB') });
  });

  // Found by the fuzz: lists within lists kept the gateway's event loop busy for seconds, and
  // `range(0, 2000000)` took hundreds of MB of its memory (larger ranges crashed it).
  it.each([
    ['lists within lists', card({ type: 'Container', $data: '${items}', items: [{ type: 'Container', $data: '${$root.items}', items: [{ type: 'Container', $data: '${$root.items}', items: [{ type: 'TextBlock', $data: '${$root.items}', text: 'x${$data}' }] }] }] })],
    ['a range of millions', card({ type: 'TextBlock', text: '${range(0, 50000000)}' })],
  ])('refuses a card whose template takes too long or too much memory to bind (%s): 400 naming the card', async (_name, costly) => {
    const problem = await refusal({ card: costly, data: { items: Array.from({ length: 40 }, (_, i) => i) } });
    expect(problem.getResponse()).toMatchObject({ field: 'card', detail: expect.stringContaining('too long or too much memory') });
  });
});
