import type { RecordedConnectorCall } from '../teams-sim.types.js';

type Waiter = () => void;

/** Keeps every call the Bot Connector endpoints answered, in order, and wakes up whoever waits for one. */
export class ConnectorRecorder {
  readonly calls: RecordedConnectorCall[] = [];
  private readonly waiters = new Set<Waiter>();

  record(call: RecordedConnectorCall): void {
    this.calls.push(call);
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves with the first `count` matching calls once they exist; rejects after `timeoutMs`. */
  waitFor(
    predicate: (call: RecordedConnectorCall) => boolean,
    count = 1,
    timeoutMs = 5_000,
  ): Promise<RecordedConnectorCall[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const matching = this.calls.filter(predicate);
        if (matching.length < count) return false;
        finish();
        resolve(matching.slice(0, count));
        return true;
      };
      const timer = setTimeout(() => {
        finish();
        const seen = this.calls.map((call) => `${call.method} ${call.path} → ${call.status}`).join('\n  ');
        reject(new Error(`teams-sim: fewer than ${count} matching connector call(s) in ${timeoutMs} ms; saw:\n  ${seen}`));
      }, timeoutMs);
      const waiter: Waiter = () => void check();
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      if (!check()) this.waiters.add(waiter);
    });
  }
}
