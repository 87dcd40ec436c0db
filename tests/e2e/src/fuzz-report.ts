import { writeFileSync } from 'node:fs';
import type { CapturedLogs } from '@herald/testing';

/**
 * What the fuzz saw, for tuning it and for explaining a failure: answers by input kind, status
 * and named field, time per kind, and what the services logged at error level. Printed when a
 * test failed or with `FUZZ_REPORT=1`; `FUZZ_LOG=<file>` also writes every warning and error line.
 */
export class FuzzReport {
  private readonly answers = new Map<string, number>();
  private readonly timings = new Map<string, { n: number; totalMs: number; maxMs: number }>();
  failed = false;

  record(kind: string, answer: { status: number; text: string }, ms: number): void {
    const key = `${kind} ${answer.status} ${/"field":"([^".]*)/.exec(answer.text)?.[1] ?? ''}`.trim();
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
    const timing = this.timings.get(kind) ?? { n: 0, totalMs: 0, maxMs: 0 };
    this.timings.set(kind, { n: timing.n + 1, totalMs: timing.totalMs + ms, maxMs: Math.max(timing.maxMs, ms) });
  }

  print(logs: CapturedLogs | undefined, env: Record<string, string | undefined>): void {
    const lines = logs?.lines ?? [];
    if (env['FUZZ_LOG']) writeFileSync(env['FUZZ_LOG'], lines.filter((line) => (line['level'] as number) >= 40).map((line) => JSON.stringify(line).slice(0, 3_000)).join('\n'));
    if (!this.failed && !env['FUZZ_REPORT']) return;
    const errors = new Map<string, number>();
    for (const line of lines) if ((line['level'] as number) >= 50) errors.set(String(line['msg']), (errors.get(String(line['msg'])) ?? 0) + 1);
    console.info(`fuzz answers (kind status field → count): ${JSON.stringify(Object.fromEntries([...this.answers].sort()))}`);
    console.info(`fuzz timings: ${JSON.stringify(Object.fromEntries(this.timings))}`);
    console.info(`fuzz errors logged: ${JSON.stringify(Object.fromEntries(errors))}`);
  }
}
