/**
 * Rule 10: tokens whose signature and claims already verified, keyed by the token string, kept
 * until the token's `exp` and bounded in size (least recently used evicted first). Only the
 * token-level result is cached; the checks against the activity body run on every request.
 */
export class VerifiedTokenCache<Entry> {
  private readonly entries = new Map<string, { readonly entry: Entry; readonly expiresAtMs: number }>();

  constructor(private readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new RangeError('maxEntries must be a non-negative integer');
  }

  get size(): number {
    return this.entries.size;
  }

  get(token: string, nowMs: number): Entry | undefined {
    const cached = this.entries.get(token);
    if (!cached) return undefined;
    this.entries.delete(token);
    if (nowMs >= cached.expiresAtMs) return undefined;
    this.entries.set(token, cached);
    return cached.entry;
  }

  set(token: string, entry: Entry, expiresAtMs: number): void {
    if (this.maxEntries === 0) return;
    this.entries.delete(token);
    this.entries.set(token, { entry, expiresAtMs });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
