import { Writable } from 'node:stream';

/** A pino destination that keeps every JSON line, so tests can read what a service logged. */
export class CapturedLogs extends Writable {
  /** Every instance of this test process, so a failed test can show what the services warned about. */
  static readonly all: CapturedLogs[] = [];
  /** Values no log line may hold (API keys, sign-in codes), besides tokens, which are found by their shape. */
  static readonly secrets: string[] = [];
  readonly lines: Record<string, unknown>[] = [];

  constructor() {
    super();
    CapturedLogs.all.push(this);
  }

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }

  /** Lines at warn (pino level 40) or above logged since `since` (epoch ms). */
  warnings(since = 0): Record<string, unknown>[] {
    return this.lines.filter((line) => (line['level'] as number) >= 40 && Date.parse(String(line['time'])) >= since);
  }
}
