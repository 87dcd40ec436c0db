const WINDOW_MS = 1_000;

/** How fast installs went, from their times (epoch ms): count, span first→last, rate over it, and the most within any 1-second window. */
export function installFigures(times: readonly number[]): { count: number; spanMs: number; perSecond: number; maxInWindow: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const count = sorted.length;
  const spanMs = count > 1 ? sorted[count - 1]! - sorted[0]! : 0;
  // n installs spread evenly at r/s take (n - 1) / r seconds from the first to the last.
  const perSecond = spanMs > 0 ? ((count - 1) * 1_000) / spanMs : 0;
  let maxInWindow = 0;
  let first = 0;
  for (let last = 0; last < count; last++) {
    while (sorted[last]! - sorted[first]! >= WINDOW_MS) first++;
    maxInWindow = Math.max(maxInWindow, last - first + 1);
  }
  return { count, spanMs, perSecond, maxInWindow };
}
