import { afterEach, beforeEach } from 'vitest';
import { CapturedLogs } from '@herald/testing';

// A failed test prints what the services it ran warned about while it ran: a flaky failure in CI
// can then be explained from CI's output alone.
let started = 0;
beforeEach(() => {
  started = Date.now();
});
afterEach((context) => {
  if (context.task.result?.state !== 'fail') return;
  const warnings = CapturedLogs.all.flatMap((logs) => logs.warnings(started));
  if (warnings.length === 0) return;
  console.error(`warnings logged during "${context.task.name}":\n${warnings.slice(-40).map((line) => JSON.stringify(line).slice(0, 600)).join('\n')}`);
});
