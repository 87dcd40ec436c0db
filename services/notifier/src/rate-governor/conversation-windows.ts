const HOUR_MS = 3_600_000;
/** 8 sends per 2 s: the pace a conversation keeps past its first second (60 / 30 s slows a longer run further). */
const SUSTAINED_SPACING_MS = 250;

/** Teams' per bot per conversation limits: 7 / 1 s, 8 / 2 s, 60 / 30 s, 1800 / 3600 s. */
const WINDOWS: readonly (readonly [windowMs: number, limit: number])[] = [
  [1_000, 7],
  [2_000, 8],
  [30_000, 60],
  [3_600_000, 1_800],
];

/** A send to the conversation may go in `waitMs` (its time is reserved), or not before `laterMs` (nothing reserved). */
export type Reservation = { waitMs: number; at: number } | { laterMs: number };

/**
 * Keeps this replica's sends to each conversation inside Teams' per-conversation windows, by
 * reserving each send's time: sends to one conversation go in the order they reserved. Only a
 * short wait is taken here (`maxWaitMs`); a longer one is for the caller to schedule, so a busy
 * conversation holds at most a second's worth of handlers. A conversation's deliveries may reach
 * any replica (one consumer serves every partition), so replicas can overshoot together: the 429
 * that follows is honoured through its Retry-After.
 */
export class ConversationWindows {
  private readonly sent = new Map<string, number[]>();
  /** The latest time handed to a send told to come back later, per conversation. */
  private readonly deferredUntil = new Map<string, number>();
  private calls = 0;

  reserve(conversationId: string, maxWaitMs: number, now = Date.now()): Reservation {
    const times = this.recent(conversationId, now);
    // Never before an earlier reservation: the times stay sorted, and every window is checked at `at`.
    const from = Math.max(now, times.at(-1) ?? now);
    const at = from + Math.max(0, ...WINDOWS.map(([windowMs, limit]) => waitFor(times, from, windowMs, limit)));
    if (at - now <= maxWaitMs) {
      times.push(at);
      return { waitMs: at - now, at };
    }
    // Sends told to come back are spread at the conversation's pace, so they do not all return at once and wait again.
    const later = Math.max(at, (this.deferredUntil.get(conversationId) ?? 0) + SUSTAINED_SPACING_MS);
    this.deferredUntil.set(conversationId, later);
    return { laterMs: later - now };
  }

  /** Gives back a reservation that will not be used (its send did not go). */
  release(conversationId: string, at: number): void {
    const times = this.sent.get(conversationId);
    const index = times?.lastIndexOf(at) ?? -1;
    if (index >= 0) times!.splice(index, 1);
  }

  private recent(conversationId: string, now: number): number[] {
    if (++this.calls % 10_000 === 0) this.prune(now);
    const times = (this.sent.get(conversationId) ?? []).filter((time) => time > now - HOUR_MS);
    this.sent.set(conversationId, times);
    return times;
  }

  /** Forgets conversations with no send in the last hour (a broadcast touches many once). */
  private prune(now: number): void {
    for (const [conversationId, times] of this.sent) if ((times.at(-1) ?? 0) <= now - HOUR_MS) this.sent.delete(conversationId);
    for (const [conversationId, until] of this.deferredUntil) if (until <= now) this.deferredUntil.delete(conversationId);
  }
}

/** How long after `at` one more send fits `limit` sends per `windowMs`, given sorted `times` (none after `at`). */
function waitFor(times: readonly number[], at: number, windowMs: number, limit: number): number {
  const inWindow = times.filter((time) => time > at - windowMs).length;
  return inWindow < limit ? 0 : times[times.length - limit]! + windowMs - at + 1;
}
