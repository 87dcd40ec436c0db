import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { eventually, freePort } from '@herald/testing';

/**
 * A nats-server of the test's own (JetStream, a store directory of its own, a free port), so it
 * can be killed and started again without touching the machine's NATS that other tests use.
 */
export async function startPrivateNats() {
  const port = await freePort();
  const storeDir = mkdtempSync(join(tmpdir(), 'herald-nats-'));
  const url = `nats://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();

  const start = async () => {
    server = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir], { stdio: 'ignore' });
    exited = new Promise((resolve) => server!.once('exit', resolve));
    await eventually(() => connect({ servers: url, reconnect: false }).then((c) => c.close().then(() => true), () => undefined), 15_000, 'nats-server to accept connections');
  };
  const kill = async () => {
    server?.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    /** SIGKILL: the server goes away at once, as a crashed or evicted pod does. */
    kill,
    /** Starts it again on the same port and store: streams on file come back, in-memory ones do not. */
    start,
    async close() {
      await kill();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

export type PrivateNats = Awaited<ReturnType<typeof startPrivateNats>>;
