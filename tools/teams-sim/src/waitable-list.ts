/** A list that tests can wait on: `waitFor` resolves once enough matching items have been pushed. */
export class WaitableList<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<() => void>();

  push(item: T): void {
    this.items.push(item);
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves with the first `count` matching items once they exist; rejects after `timeoutMs`. */
  waitFor(predicate: (item: T) => boolean, count = 1, timeoutMs = 5_000): Promise<T[]> {
    return new Promise((resolve, reject) => {
      const matching = () => this.items.filter(predicate);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      const check = () => {
        if (matching().length < count) return;
        finish();
        resolve(matching().slice(0, count));
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`teams-sim: fewer than ${count} matching item(s) in ${timeoutMs} ms; saw ${JSON.stringify(this.items)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
