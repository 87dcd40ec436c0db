import { describe, expect, it } from 'vitest';
import { ConversationWindows } from './conversation-windows.js';

const T0 = 1_000_000;

describe('ConversationWindows', () => {
  it('lets 7 sends go in one second, the 8th a second later, then holds to 8 per 2 s', () => {
    const windows = new ConversationWindows();
    const waits = Array.from({ length: 10 }, () => windows.reserve('a:1', 60_000, T0));
    expect(waits.slice(0, 7).map((r) => ('waitMs' in r ? r.waitMs : -1))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(waits[7]).toMatchObject({ waitMs: 1_001 });
    expect(waits[8]).toMatchObject({ waitMs: 2_001 });
    expect(waits[9]).toMatchObject({ waitMs: 2_001 });
  });

  it('reserves nothing beyond the longest wait the caller takes, and says when to come back', () => {
    const windows = new ConversationWindows();
    for (let i = 0; i < 7; i++) windows.reserve('a:1', 1_000, T0);
    expect(windows.reserve('a:1', 1_000, T0)).toEqual({ laterMs: 1_001 });
    expect(windows.reserve('a:1', 1_000, T0), 'those told to come back are spread at the conversation\'s pace').toEqual({ laterMs: 1_251 });
    expect(windows.reserve('a:1', 1_000, T0)).toEqual({ laterMs: 1_501 });
    expect(windows.reserve('a:1', 1_000, T0 + 1_001), 'nothing was reserved for them').toMatchObject({ waitMs: 0 });
    expect(windows.reserve('a:2', 1_000, T0), 'another conversation is not held up').toEqual({ waitMs: 0, at: T0 });
  });

  it('keeps to 60 per 30 s and 1800 per hour: the 1801st send of an hour waits for the hour', () => {
    const windows = new ConversationWindows();
    let now = T0;
    for (let i = 0; i < 1_800; i++) {
      const reservation = windows.reserve('a:1', 3_600_000, now);
      if (!('at' in reservation)) throw new Error('unexpected');
      now = reservation.at;
    }
    expect(now - T0).toBeGreaterThanOrEqual(29 * 30_000);
    const next = windows.reserve('a:1', 60_000, now);
    expect('laterMs' in next && next.laterMs).toBeGreaterThan(60_000);
  });

  it('a released reservation frees its place', () => {
    const windows = new ConversationWindows();
    const reservations = Array.from({ length: 7 }, () => windows.reserve('a:1', 60_000, T0));
    windows.release('a:1', (reservations[6] as { at: number }).at);
    expect(windows.reserve('a:1', 60_000, T0)).toMatchObject({ waitMs: 0 });
  });
});
