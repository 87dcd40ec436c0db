#!/usr/bin/env node
// `npm start`: Herald's five services and teams-sim on this machine, against NATS at NATS_URL
// and Postgres at DATABASE_URL (loopback defaults), starting local ones when they are installed
// but not running. Prints the chat page's URL. Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDatabase, ensureNats, ensurePostgres } from './infrastructure.mjs';

const base = Number(process.env.HERALD_PORTS_FROM ?? 3978);
const port = (offset) => String(base + offset);
const simUrl = `http://127.0.0.1:${port(12)}`;
const gatewayUrl = `http://127.0.0.1:${port(0)}`;
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/herald';
const simCaFile = resolve('.herald/teams-sim-ca.pem');
/** teams-sim's tenant (tools/teams-sim DEFAULT_TENANT_ID). */
const DEV_TENANT_ID = '3b7c9e1a-4d2f-4a8b-9c6e-1f0d2a5b7e93';
// Dev mode has a notification API key of its own unless one is given.
const apiKeys = process.env.HERALD_API_KEYS ?? (process.env.MICROSOFT_APP_ID ? undefined : 'dev-api-key');
// ...and its messages console an author: the simulator's chat user (tools/teams-sim CHAT_USER), whom its Entra signs in.
const authors = process.env.HERALD_AUTHORS ?? (process.env.MICROSOFT_APP_ID ? undefined : 'MeganB@contoso.example');
const authUrl = `http://127.0.0.1:${port(1)}`;

const programs = [
  {
    name: 'teams-sim',
    entry: 'tools/teams-sim/dist/main.js',
    env: { TEAMS_SIM_PORT: port(12), TEAMS_SIM_ENTRA_HTTPS_PORT: port(13), TEAMS_SIM_CA_FILE: simCaFile, BOT_ENDPOINT: `${gatewayUrl}/api/messages` },
    ready: `${simUrl}/v1/.well-known/openidconfiguration`,
  },
  // The gateway checks Entra access tokens on the API against the simulator's https metadata: it trusts its certificate.
  { name: 'gateway', entry: 'services/gateway/dist/main.js', port: port(0), env: { NODE_EXTRA_CA_CERTS: simCaFile, TEAMS_SIM_ENTRA_URL: `https://127.0.0.1:${port(13)}`, HERALD_API_TENANT_ID: process.env.HERALD_API_TENANT_ID ?? DEV_TENANT_ID, AUTH_PUBLIC_URL: authUrl, ...(authors ? { HERALD_AUTHORS: authors } : {}) } },
  // Sign-in pages: passport-azure-ad reads the simulator's Entra over https only, so auth trusts its certificate too.
  { name: 'auth', entry: 'services/auth/dist/main.js', port: port(1), env: { NODE_EXTRA_CA_CERTS: simCaFile, TEAMS_SIM_ENTRA_URL: `https://127.0.0.1:${port(13)}`, AUTH_PUBLIC_URL: authUrl, CONSOLE_PUBLIC_URL: `${gatewayUrl}/console` } },
  { name: 'router', entry: 'services/router/dist/main.js', port: port(3) },
  { name: 'notifier', entry: 'services/notifier/dist/main.js', port: port(4) },
  { name: 'graph-sync', entry: 'services/graph-sync/dist/main.js', port: port(5) },
];

const children = new Map();
let stopping = false;

function run(program) {
  const env = { ...process.env, NATS_URL: natsUrl, DATABASE_URL: databaseUrl, TEAMS_SIM_URL: simUrl, ...(apiKeys ? { HERALD_API_KEYS: apiKeys } : {}), ...program.env, ...(program.port ? { PORT: program.port } : {}) };
  const child = spawn(process.execPath, [program.entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${program.name}]`.padEnd(13);
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) if (line.trim()) process.stdout.write(`${prefix}${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    children.delete(program.name);
    if (!stopping) {
      process.stderr.write(`${program.name} exited (${signal ?? code}); stopping Herald\n`);
      stop(1);
    }
  });
  children.set(program.name, child);
}

async function waitReady(url, name, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} did not become ready at ${url}`);
}

function stop(code = 0) {
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 2_000).unref();
  if (children.size === 0) process.exit(code);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  const managed = [...(await ensureNats(natsUrl)), ...(await ensurePostgres(databaseUrl))];
  for (const line of managed) process.stdout.write(`${line}\n`);
  await ensureDatabase(databaseUrl);
  // The simulator first: it writes the certificate the gateway must trust when it starts.
  const [sim, ...services] = programs;
  run(sim);
  await waitReady(sim.ready, sim.name);
  for (const program of services) run(program);
  await Promise.all(services.map((p) => waitReady(`http://127.0.0.1:${p.port}/readyz`, p.name)));
  if (!stopping) {
    process.stdout.write(`\nHerald is running (dev mode against teams-sim).\n  Chat with it: ${simUrl}/\n  Messaging endpoint: ${gatewayUrl}/api/messages\n  Messages console: ${gatewayUrl}/console (signed in as ${authors ?? 'an author of HERALD_AUTHORS'})\n`);
    process.stdout.write(`  Notify everyone who chatted with it:\n    curl -s -H 'Authorization: Bearer ${apiKeys}' -H 'content-type: application/json' -d '{"recipients":[{"allUsers":true}],"text":"Hello from Herald"}' ${gatewayUrl}/api/v1/notifications\n\n`);
  }
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  stop(1);
}
