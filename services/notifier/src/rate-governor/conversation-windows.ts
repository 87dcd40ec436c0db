const HOUR_MS = 3_600_000;

/** Teams' per bot per conversation limits: 7 / 1 s, 8 / 2 s, 60 / 30 s, 1800 / 3600 s. */
const WINDOWS: readonly (readonly [windowMs: number, limit: number])[] = [
  [1_000, 7],
  [2_000, 8],
  [30_000, 60],
  [3_600_000, 1_800],
];

/**
 * Keeps this replica's sends to each conversation inside Teams' per-conversation windows. A
 * conversation's deliveries share one partition subject, so they mostly meet in one replica; a
 * 429 that still happens is honoured through its Retry-After.
 */
export class ConversationWindows {
  private readonly sent = new Map<string, number[]>();
  private calls = 0;

  /** Resolves when one more send to `conversationId` fits every window; counts it. */
  async acquire(conversationId: string): Promise<void> {
    for (;;) {
      const now = Date.now();
      const times = this.recent(conversationId, now);
      const wait = Math.max(0, ...WINDOWS.map(([windowMs, limit]) => waitFor(times, now, windowMs, limit)));
      if (wait === 0) {
        times.push(now);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
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
  }
}

function waitFor(times: readonly number[], now: number, windowMs: number, limit: number): number {
  const inWindow = times.filter((time) => time > now - windowMs).length;
  return inWindow < limit ? 0 : times[times.length - limit]! + windowMs - now + 1;
}
