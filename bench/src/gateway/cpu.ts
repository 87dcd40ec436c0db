import { cpus } from 'node:os';

/** CPU time used so far, in microseconds: by one thread, by this whole process, by the whole machine. */
export interface CpuSnapshot {
  readonly thread: number;
  readonly process: number;
  readonly machineBusy: number;
  readonly at: number;
}

export interface CpuShares {
  /** Percent of one CPU. */
  readonly thread: number;
  /** This process's other threads: load generators, and teams-sim when it is not the thread measured. */
  readonly restOfProcess: number;
  /** Other processes: NATS and Postgres, and whatever else runs on the machine meanwhile. */
  readonly outside: number;
  /** CPU time of the thread per answered request, in microseconds. */
  readonly perRequestUs: number;
}

const microseconds = (usage: NodeJS.CpuUsage) => usage.user + usage.system;

function machineBusy(): number {
  return cpus().reduce((sum, { times }) => sum + (times.user + times.nice + times.sys + times.irq) * 1000, 0);
}

/** `thread`: the CPU usage of the thread to watch (process.threadCpuUsage() there). */
export function cpuSnapshot(thread: NodeJS.CpuUsage): CpuSnapshot {
  return { thread: microseconds(thread), process: microseconds(process.cpuUsage()), machineBusy: machineBusy(), at: performance.now() };
}

export function cpuShares(start: CpuSnapshot, end: CpuSnapshot, requests: number): CpuShares {
  const elapsedUs = (end.at - start.at) * 1000;
  const thread = end.thread - start.thread;
  const ownProcess = end.process - start.process;
  const percent = (us: number) => (100 * us) / elapsedUs;
  return {
    thread: percent(thread),
    restOfProcess: percent(ownProcess - thread),
    outside: percent(Math.max(0, end.machineBusy - start.machineBusy - ownProcess)),
    perRequestUs: thread / Math.max(1, requests),
  };
}

export function formatShares(threadName: string, restName: string, shares: CpuShares): string {
  const pct = (value: number) => `${Math.round(value)}%`;
  return (
    `  CPU (100% = one core): ${threadName} ${pct(shares.thread)} = ${Math.round(shares.perRequestUs)} µs per answer; ` +
    `${restName} ${pct(shares.restOfProcess)}; other processes ${pct(shares.outside)}`
  );
}
