import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '@herald/testing';

const run = promisify(execFile);

/**
 * A PostgreSQL cluster of the test's own (trust auth, 127.0.0.1, a free port, a temporary data
 * directory), so it can be stopped and started again while the machine's Postgres keeps serving
 * every other test. initdb refuses to run as root: as root, the cluster runs as `postgres`.
 */
export async function startPrivatePostgres() {
  const bin = postgresBinaries();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'herald-pg-'));
  const data = join(dir, 'data');
  const asOwner = await clusterOwner(dir);
  await asOwner(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const pgCtl = (...args: string[]) => asOwner(join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '60', ...args]);
  const start = () => pgCtl('-l', join(dir, 'server.log'), '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c max_connections=200`, 'start');
  await start();
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url,
    /** Creates a database up front, so services starting together never race to create it. */
    async createDatabase(name: string): Promise<string> {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      await client.query(`create database "${name}"`).finally(() => client.end());
      return url(name);
    },
    /** `immediate`: every connection dropped at once, recovery at the next start (as after a crash). */
    stop: (mode: 'fast' | 'immediate' = 'immediate') => pgCtl('-m', mode, 'stop').then(() => undefined),
    start: () => start().then(() => undefined),
    async close() {
      await pgCtl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type PrivatePostgres = Awaited<ReturnType<typeof startPrivatePostgres>>;

/** The newest installed server binaries (Debian: /usr/lib/postgresql/<major>/bin). */
function postgresBinaries(): string {
  const majors = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
  if (majors.length === 0) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return `/usr/lib/postgresql/${majors[0]}/bin`;
}

/** Runs a cluster command as the OS user that owns `dir`: `postgres` when the test runs as root (given the directory), else the test's own user. */
async function clusterOwner(dir: string): Promise<(command: string, args: string[]) => Promise<unknown>> {
  if (process.getuid?.() !== 0) return (command, args) => run(command, args);
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  chownSync(dir, uid, gid);
  return (command, args) => run('runuser', ['-u', 'postgres', '--', command, ...args]);
}
