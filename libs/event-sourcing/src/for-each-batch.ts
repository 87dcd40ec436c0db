/**
 * Groups what an iterator yields into batches: everything that arrived before the event loop
 * went idle, up to `max`. Batches run one after another, in order; `run` must not throw. At
 * most one batch waits while another runs, so a slow `run` holds the source back.
 */
export async function forEachBatch<T>(source: AsyncIterable<T>, max: number, run: (batch: T[]) => Promise<void>): Promise<void> {
  let pending: T[] = [];
  let running = Promise.resolve();
  let scheduled = false;
  const flush = (): Promise<void> => {
    scheduled = false;
    if (pending.length === 0) return running;
    const batch = pending;
    pending = [];
    running = running.then(() => run(batch));
    return running;
  };
  for await (const item of source) {
    pending.push(item);
    if (pending.length >= max) {
      await flush();
    } else if (!scheduled) {
      scheduled = true;
      setImmediate(() => void flush());
    }
  }
  await flush();
}
