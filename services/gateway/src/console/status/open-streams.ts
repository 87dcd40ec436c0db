import type { OnModuleDestroy } from '@nestjs/common';

/**
 * The status streams open now. A stream lasts as long as the browser tab, so the gateway ends
 * them all as it begins to shut down (before its HTTP server closes, which waits for them).
 */
export class OpenStreams implements OnModuleDestroy {
  private readonly ends = new Set<() => void>();

  /** Keeps `end` until the returned function is called (the stream closed by itself). */
  add(end: () => void): () => void {
    this.ends.add(end);
    return () => this.ends.delete(end);
  }

  onModuleDestroy(): void {
    for (const end of [...this.ends]) end();
    this.ends.clear();
  }
}
