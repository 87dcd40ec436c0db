/** Percentile of already sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarise(label: string, count: number, elapsedMs: number, latenciesMs: number[]): string {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const rate = Math.round((count / elapsedMs) * 1000);
  return `${label.padEnd(34)} ${String(rate).padStart(7)} msg/s   p50 ${percentile(sorted, 50).toFixed(2)} ms   p99 ${percentile(sorted, 99).toFixed(2)} ms`;
}
