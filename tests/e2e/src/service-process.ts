import { existsSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CapturedLogs } from '@herald/testing';

export const SERVICE_NAMES = ['gateway', 'router', 'auth', 'notifier', 'graph-sync'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** When the signal was sent (epoch ms). */
  at: number;
  /** From the signal to the process's end. */
  ms: number;
}

/**
 * One Herald service as its own process, started from its build (`services/<name>/dist/main.js`,
 * as the container runs it): what `kill -9` and SIGTERM can hit. Its JSON log lines go to a
 * CapturedLogs (a failed test prints their warnings), anything else on stderr to a short tail.
 */
export class ServiceProcess {
  readonly url: string;
  readonly logs = new CapturedLogs();
  /** How often it was started. */
  starts = 0;
  private child: ChildProcess | undefined;
  private exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  private readonly stderr: string[] = [];

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  start(): void {
    const main = fileURLToPath(new URL(`../../../services/${this.name}/dist/main.js`, import.meta.url));
    if (!existsSync(main)) throw new Error(`${main} is missing: these tests run the built services (npm run build; npm test builds first)`);
    const child = spawn(process.execPath, [main], { env: { PATH: process.env['PATH'] ?? '', ...this.env, PORT: String(this.port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    lines(child.stdout, (line) => (isJson(line) ? this.logs.write(`${line}\n`) : this.remember(line)));
    lines(child.stderr, (line) => this.remember(line));
    this.child = child;
    this.starts += 1;
  }

  /** Resolves once `GET /readyz` answers 200; fails at once if the process ends. */
  async ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.exit?.then(() => (ended = true));
    while (Date.now() < deadline) {
      if (ended) throw new Error(`${this.name} exited while starting:\n${this.tail()}`);
      const status = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status, () => 0);
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.tail()}`);
  }

  /** Sends `signal` and resolves once the process has ended. */
  async stop(signal: 'SIGKILL' | 'SIGTERM'): Promise<Exit> {
    const started = Date.now();
    if (this.pid === undefined) throw new Error(`${this.name} is not running`);
    this.child!.kill(signal);
    const exit = await this.exit!;
    return { ...exit, at: started, ms: Date.now() - started };
  }

  async restart(signal: 'SIGKILL' | 'SIGTERM'): Promise<Exit> {
    const exit = await this.stop(signal);
    this.start();
    await this.ready();
    return exit;
  }

  /** What it wrote outside its JSON logs (a crash's stack), last lines first to go. */
  tail(): string {
    return this.stderr.slice(-30).join('\n');
  }

  private remember(line: string): void {
    this.stderr.push(`${this.name}: ${line}`);
    if (this.stderr.length > 200) this.stderr.splice(0, 100);
  }
}

function isJson(line: string): boolean {
  try {
    return typeof JSON.parse(line) === 'object';
  } catch {
    return false;
  }
}

function lines(stream: Readable, each: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', each);
}
