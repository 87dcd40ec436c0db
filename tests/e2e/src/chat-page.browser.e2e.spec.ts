import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, deleteStreams, NATS_URL, uniquePrefix } from '@herald/testing';

/**
 * The whole of `npm start` (five services and teams-sim, as `scripts/start.mjs` runs them) driven
 * through teams-sim's chat page in a real browser (Debian's Chromium, headless): what a developer
 * sees when they chat with Herald locally.
 */

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const READY_LINE = /Chat with it: (http:\/\/\S+)/;
const START_TIMEOUT_MS = 90_000;
const PORT_SPAN = 13; // start.mjs uses base .. base+12 (gateway = base, teams-sim = base+12)

let herald: { output: () => string; chatUrl: string } | undefined;
let spawned: ChildProcess | undefined;
let prefix: string | undefined;
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let browser: Browser | undefined;
let page: Page;
const screenshotDir = mkdtempSync(join(tmpdir(), 'herald-chat-page-'));

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`This test drives Debian's Chromium at ${CHROMIUM}, which is not installed. Install it with: apt-get install -y chromium`);
  }
  prefix = uniquePrefix('web');
  database = await createTestDatabase();
  const base = await freePortBase();
  herald = await startHerald({
    HERALD_PORTS_FROM: String(base),
    HERALD_BUS_PREFIX: prefix,
    DATABASE_URL: database.url,
    NATS_URL,
    LOG_LEVEL: 'warn',
  });

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  page.setDefaultTimeout(15_000);
  await page.goto(herald.chatUrl, { waitUntil: 'load' });
  // chat.js runs deferred, after the Adaptive Cards bundle, and puts the session's names in the header.
  await page.locator('#compose').waitFor({ state: 'visible' });
  await page
    .waitForFunction("'AdaptiveCards' in window && document.getElementById('bot-name').textContent !== 'Bot'")
    .catch((error: Error) => {
      throw new Error(`the chat page did not start (Adaptive Cards bundle or /chat/api/session missing?): ${error.message}`);
    });
}, 120_000);

afterAll(async () => {
  const failures: unknown[] = [];
  const attempt = async (work: () => Promise<unknown> | undefined) => {
    try {
      await work();
    } catch (error) {
      failures.push(error);
    }
  };
  await attempt(() => browser?.close());
  await attempt(() => (spawned ? stopProcessGroup(spawned) : undefined));
  await attempt(() => (prefix ? deleteStreams(prefix) : undefined));
  await attempt(() => database?.drop());
  if (failures.length > 0) throw new AggregateError(failures, 'cleaning up after the chat page test failed');
}, 30_000);

describe('the teams-sim chat page, against Herald as `npm start` runs it', () => {
  it('answers `help` with the help card, rendered as an Adaptive Card', async () => {
    await send('help');
    await page.locator('.message.user .text', { hasText: /^help$/ }).waitFor({ state: 'visible', timeout: 5_000 });

    const reply = botMessage(/here's what I can do/i);
    await arrives(reply, 'the help card');
    const card = reply.locator('.card');
    await expect.poll(() => card.locator('.ac-adaptiveCard').count()).toBe(1);
    expect(await card.innerText()).toMatch(/Herald help: here's what I can do/);
    // The FactSet lists the commands: `help` is one of them, with its description.
    expect(await card.getByText('help', { exact: true }).count()).toBeGreaterThan(0);
    expect(await card.innerText()).toContain('Show what I can do');
    expect(await page.locator('#error').isHidden()).toBe(true);

    const screenshot = join(screenshotDir, 'help-card.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
    console.info(`chat page screenshot: ${screenshot}`);
  }, 45_000);

  it('answers an unknown command with the fallback reply naming it', async () => {
    const before = await page.locator('.message.bot').count();
    await send('frobnicate');

    const reply = botMessage(/frobnicate/);
    await arrives(reply, 'the fallback reply');
    expect(await reply.innerText()).toMatch(/Sorry, I don't know "frobnicate"/);
    expect(await page.locator('.message.bot').count()).toBeGreaterThan(before);
    expect(await page.locator('#error').isHidden()).toBe(true);
    await page.screenshot({ path: join(screenshotDir, 'fallback.png'), fullPage: true });
  }, 45_000);
});

async function send(text: string): Promise<void> {
  await page.locator('#compose').fill(text);
  await page.locator('#send').click();
}

function botMessage(text: RegExp): Locator {
  return page.locator('.message.bot').filter({ hasText: text }).last();
}

/** Waits for a bot reply; when none comes, says what the page and the services said. */
async function arrives(reply: Locator, what: string): Promise<void> {
  try {
    await reply.waitFor({ state: 'visible', timeout: 20_000 });
  } catch (error) {
    const banner = await page.locator('#error').textContent().catch(() => null);
    const messages = await page.locator('#messages').innerText().catch(() => '(unreadable)');
    throw new Error(
      `${what} did not appear on the chat page: ${(error as Error).message}\n` +
        `--- page error banner ---\n${banner || '(none)'}\n--- messages on the page ---\n${messages}\n` +
        `--- scripts/start.mjs output ---\n${herald?.output().slice(-10_000) || '(none)'}`,
    );
  }
}

/** A base port whose 13 ports are all free on this machine (a few random tries in 24000..24999). */
async function freePortBase(): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    const base = 24_000 + Math.floor(Math.random() * (1_000 - PORT_SPAN));
    const free = await Promise.all(Array.from({ length: PORT_SPAN }, (_, i) => portFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('found no 13 consecutive free ports in 24000..24999');
}

function portFree(port: number): Promise<boolean> {
  const tryListen = (host?: string) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
    });
  // Both the wildcard and loopback: the services listen on one or the other.
  return tryListen('127.0.0.1').then((ok) => (ok ? tryListen() : false));
}

/** `node scripts/start.mjs` in its own process group, resolved once it prints the chat page's URL. */
function startHerald(env: Record<string, string>): Promise<{ output: () => string; chatUrl: string }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned = child;
  // Should the test worker die before afterAll, the services must not outlive it.
  process.once('exit', killLeftovers);
  let output = '';
  const tail = () => (output.length > 20_000 ? `…${output.slice(-20_000)}` : output);
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${why}\n--- scripts/start.mjs output ---\n${tail() || '(none)'}`));
    };
    const timer = setTimeout(() => fail(`scripts/start.mjs did not print "Chat with it:" within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve({ output: () => output, chatUrl: match[1]! });
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`scripts/start.mjs exited (${signal ?? code}) before it was ready`);
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => fail(`could not start scripts/start.mjs: ${error.message}`));
  });
}

/** SIGTERM to the whole group (start.mjs and every service), SIGKILL to whatever is left after 5 s. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const group = child.pid;
  if (group === undefined) return;
  signalGroup(group, 'SIGTERM');
  if (!(await groupGone(group, 5_000))) {
    signalGroup(group, 'SIGKILL');
    if (!(await groupGone(group, 3_000))) {
      throw new Error(`processes of Herald's group ${group} survived SIGKILL: ${liveMembers(group).join(', ')}`);
    }
  }
  process.off('exit', killLeftovers);
}

function killLeftovers(): void {
  if (spawned?.pid !== undefined && liveMembers(spawned.pid).length > 0) signalGroup(spawned.pid, 'SIGKILL');
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function groupGone(group: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (liveMembers(group).length > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** Pids of the group's processes that still run (zombies waiting to be reaped do not count). */
function liveMembers(group: number): number[] {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-group, 0);
      return [group];
    } catch {
      return [];
    }
  }
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === group && state !== 'Z' && state !== 'X') members.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return members;
}
