import { fork, type ChildProcess } from 'node:child_process';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BinderAnswer, BindRequest } from './card-binding.protocol.js';

/** The binder's entry beside this file: card-binding.worker.ts under the tests, .js in dist/. */
const WORKER = new URL(`./card-binding.worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export interface BinderLimits {
  /** V8's heap for one binder (`--max-old-space-size`): past it the binder dies, alone. */
  heapMb: number;
  /** Wall-clock time one card may take to bind before its binder is killed. */
  deadlineMs: number;
  startTimeoutMs: number;
}

/** How one binding ended: the binder's answer, or the binder stopped (its deadline, its heap, a crash). */
export type BindOutcome = Exclude<BinderAnswer, { kind: 'ready' }> | { kind: 'stopped'; reason: string };

/**
 * One card binder (card-binding.worker.ts), a process of its own: worker threads share the
 * gateway's process, and one large allocation past a thread's heap limit aborts them all
 * (nodejs/node#47224). It binds one card at a time and is killed when one takes too long.
 */
export class CardBindingProcess {
  private nextId = 0;
  private readonly stderr: string[] = [];

  private constructor(
    private readonly child: ChildProcess,
    private readonly limits: BinderLimits,
  ) {}

  /** Forks a binder and resolves once it has loaded the templating library; `onExit` hears of its end. */
  static start(limits: BinderLimits, onExit: (binder: CardBindingProcess) => void): Promise<CardBindingProcess> {
    const child = fork(WORKER, [], {
      execArgv: [`--max-old-space-size=${limits.heapMb}`, '--max-semi-space-size=4'],
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const binder = new CardBindingProcess(child, limits);
    // Neither the binder nor what it says keeps the gateway's process alive.
    child.unref();
    child.channel?.unref();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => binder.remember(chunk));
    child.on('error', () => binder.stop());
    return new Promise((resolve, reject) => {
      // 'close', not 'exit': what it wrote to stderr (why it could not start) has been read by then.
      const onClose = (code: number | null, signal: NodeJS.Signals | null) => failed(`ended while starting (${signal ?? code})`);
      const failed = (why: string) => {
        clearTimeout(timer);
        child.off('close', onClose);
        binder.stop();
        reject(new Error(`a card binder ${why}: ${binder.stderr.join('').slice(-1_000)}`));
      };
      const timer = setTimeout(() => failed(`did not start within ${limits.startTimeoutMs} ms`), limits.startTimeoutMs);
      child.once('close', onClose).once('message', (answer: BinderAnswer) => {
        if (answer.kind !== 'ready') return failed('said something else than ready');
        clearTimeout(timer);
        child.off('close', onClose).once('exit', () => onExit(binder));
        resolve(binder);
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Binds `card` to `data`; never rejects. Past the deadline the binder is killed (`stopped`). */
  bind(request: Omit<BindRequest, 'id'>): Promise<BindOutcome> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const finish = (outcome: BindOutcome) => {
        clearTimeout(timer);
        this.child.off('message', onMessage).off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (answer: BinderAnswer) => 'id' in answer && answer.id === id && finish(answer);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => finish({ kind: 'stopped', reason: `ended (${signal ?? code}), its heap exhausted or crashed` });
      const timer = setTimeout(() => {
        this.stop();
        finish({ kind: 'stopped', reason: `took over ${this.limits.deadlineMs} ms` });
      }, this.limits.deadlineMs);
      this.child.on('message', onMessage).once('exit', onExit);
      if (!this.running) return finish({ kind: 'stopped', reason: 'was not running' });
      const unreachable = () => (this.stop(), finish({ kind: 'stopped', reason: 'could not be reached' }));
      try {
        this.child.send({ id, ...request } satisfies BindRequest, (error) => error && unreachable());
      } catch {
        unreachable();
      }
    });
  }

  stop(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  private remember(chunk: string): void {
    this.stderr.push(chunk);
    if (this.stderr.length > 20) this.stderr.shift();
  }
}
