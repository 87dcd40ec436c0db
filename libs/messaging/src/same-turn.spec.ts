import { describe, expect, it } from 'vitest';
import { endOfTurn } from './same-turn.js';

describe('endOfTurn', () => {
  it('releases every caller of one event-loop turn together, after the turn’s I/O and before the next', async () => {
    const order: string[] = [];
    const waits = [1, 2, 3].map((n) => endOfTurn().then(() => order.push(`released ${n}`)));
    setImmediate(() => order.push('later immediate'));
    await Promise.all(waits);
    expect(order).toEqual(['released 1', 'released 2', 'released 3']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(order.at(-1)).toBe('later immediate');
  });

  it('starts a new turn once the previous one was released', async () => {
    const first = endOfTurn();
    await first;
    expect(endOfTurn()).not.toBe(first);
  });
});
