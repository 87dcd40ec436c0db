const WINDOW_MS = 1_000;

export interface InstallFigures {
  count: number;
  spanMs: number;
  perSecond: number;
  maxInWindow: number;
  /** Installs in each whole second counted from the first (the last, partial second left out), sorted. */
  seconds: number[];
}

/** How fast installs went, from their times (epoch ms): count, span first→last, rate over it, the most within any 1-second window, each second's count. */
export function installFigures(times: readonly number[]): InstallFigures {
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
  const seconds = Array.from({ length: Math.floor(spanMs / WINDOW_MS) }, () => 0);
  for (const at of sorted) {
    const second = Math.floor((at - sorted[0]!) / WINDOW_MS);
    if (second < seconds.length) seconds[second]!++;
  }
  return { count, spanMs, perSecond, maxInWindow, seconds: seconds.sort((a, b) => a - b) };
}
