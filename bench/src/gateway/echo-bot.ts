import { Worker } from 'node:worker_threads';
import type { EchoBotReady, EchoBotSettings } from './echo-bot.worker.js';

export interface EchoBot extends EchoBotReady {
  /** CPU time the bot's thread has used so far. */
  threadCpu(): Promise<NodeJS.CpuUsage>;
  close(): Promise<void>;
}

/**
 * Starts the botbuilder echo bot on a worker thread of its own: its event loop is not shared with
 * teams-sim, which answers its Bot Connector calls from this thread (as Microsoft's would from elsewhere).
 */
export async function startEchoBot(settings: EchoBotSettings): Promise<EchoBot> {
  const worker = new Worker(new URL('./echo-bot.worker.js', import.meta.url), { workerData: settings });
  const ready = await new Promise<EchoBotReady>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`echo bot exited with code ${code} before listening`)));
  });
  return {
    ...ready,
    threadCpu: () =>
      new Promise((resolve) => {
        worker.once('message', resolve);
        worker.postMessage('cpu');
      }),
    close: () => worker.terminate().then(() => undefined),
  };
}
