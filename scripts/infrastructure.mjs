// Finds NATS and Postgres, or starts local ones when they are installed but not running.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';

const require = createRequire(import.meta.url);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function reachable(host, port, timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => socket.destroy() && resolve(false));
  });
}

async function waitFor(host, port, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await reachable(host, port))) {
    if (Date.now() > deadline) throw new Error(`${what} did not start listening on ${host}:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function which(command) {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/usr/bin', '/usr/local/bin'])) {
    if (existsSync(`${dir}/${command}`)) return `${dir}/${command}`;
  }
  return undefined;
}

/** NATS with JetStream: started in the background (data in .herald/nats) if local and not running. */
export async function ensureNats(natsUrl) {
  const url = new URL(natsUrl.split(',')[0]);
  const port = Number(url.port || 4222);
  if (await reachable(url.hostname, port)) return [];
  const server = which('nats-server');
  if (!LOOPBACK.has(url.hostname) || !server) {
    throw new Error(`NATS is not reachable at ${natsUrl} (install nats-server, or set NATS_URL)`);
  }
  mkdirSync('.herald/nats', { recursive: true });
  spawn(server, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', '.herald/nats'], { detached: true, stdio: 'ignore' }).unref();
  await waitFor('127.0.0.1', port, 'nats-server');
  return [`started nats-server with JetStream on 127.0.0.1:${port} (data in .herald/nats)`];
}

/** PostgreSQL: the machine's cluster is started (pg_ctlcluster) if local and not running. */
export async function ensurePostgres(databaseUrl) {
  const url = new URL(databaseUrl);
  const port = Number(url.port || 5432);
  if (await reachable(url.hostname, port)) return [];
  const ctl = which('pg_ctlcluster');
  if (!LOOPBACK.has(url.hostname) || !ctl || !existsSync('/etc/postgresql')) {
    throw new Error(`Postgres is not reachable at ${url.host} (install postgresql, or set DATABASE_URL)`);
  }
  for (const version of readdirSync('/etc/postgresql')) {
    execFileSync(ctl, ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  }
  await waitFor('127.0.0.1', port, 'PostgreSQL');
  return [`started PostgreSQL on 127.0.0.1:${port}`];
}

/** Creates the database named in DATABASE_URL when it does not exist yet. */
export async function ensureDatabase(databaseUrl) {
  const pg = require('pg');
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
