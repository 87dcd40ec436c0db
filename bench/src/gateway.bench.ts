import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DEV_APP_ID, DEV_APP_SECRET } from '@herald/config';
import { startTeamsSim, type TeamsSim } from '@herald/teams-sim';
import { fixture } from '@herald/testing';
import { cpuShares, cpuSnapshot, formatShares, type CpuShares } from './gateway/cpu.js';
import { startEchoBot, type EchoBot } from './gateway/echo-bot.js';
import { startHeraldGateway, type HeraldGateway } from './gateway/herald-gateway.js';
import { closedLoop, formatFigures, rateLimited, type ActivityLoad, type LoadFigures } from './gateway/load.js';
import { pacedLoad } from './gateway/paced-load.js';
import { setupDescription } from './gateway/setup-description.js';

const WARMUP_SECONDS = 2;
// Enough connections to keep both servers busy (BENCH_CONNECTIONS to change it).
const CLOSED_LOOP_CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 100);
const OPEN_LOOP_RATE = 1_000;
const OPEN_LOOP_CONNECTIONS = 100;
const TARGET_RATIO = 5;
const TARGET_P99_MS = 10;

const print = (line = '') => process.stdout.write(`${line}\n`);

/** BENCH_SECONDS: length of each measured run (default 10). */
function measuredSeconds(): number {
  const raw = process.env['BENCH_SECONDS'];
  const seconds = raw === undefined || raw === '' ? 10 : Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`BENCH_SECONDS must be a positive number, not "${raw}"`);
  return seconds;
}

/** A server under load, the thread it runs on, and what else this process runs meanwhile. */
interface Target {
  readonly name: string;
  readonly load: ActivityLoad;
  readonly threadCpu: () => Promise<NodeJS.CpuUsage>;
  readonly restOfProcess: string;
}

/** The personal-chat message fixture addressed to the dev bot through the sim; the load generator fills in `[<id>]`. */
function activityTemplate(sim: TeamsSim): string {
  const activity = fixture<{ recipient: Record<string, unknown> }>('message-personal.json');
  return JSON.stringify({
    ...activity,
    id: 'f:[<id>]',
    serviceUrl: sim.serviceUrl,
    recipient: { ...activity.recipient, id: `28:${DEV_APP_ID}` },
  });
}

/** The status a target answers to a validly signed token issued for another bot. */
async function statusForForeignToken(target: Target, sim: TeamsSim): Promise<number> {
  const token = await sim.mintChannelToken({ serviceUrl: sim.serviceUrl, audience: 'another-bot' });
  const response = await fetch(target.load.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: target.load.bodyTemplate.replace('[<id>]', 'auth-check'),
  });
  await response.body?.cancel();
  return response.status;
}

/** Runs `work` and reports the target thread's CPU time per answered request and everyone else's share. */
async function withCpu<T extends LoadFigures>(
  target: Target,
  work: () => Promise<T>,
  answers = (figures: T) => figures.ok + figures.non2xx,
): Promise<[T, CpuShares]> {
  const start = cpuSnapshot(await target.threadCpu());
  const figures = await work();
  const shares = cpuShares(start, cpuSnapshot(await target.threadCpu()), answers(figures));
  print(formatShares(`${target.name}'s thread`, target.restOfProcess, shares));
  return [figures, shares];
}

interface ClosedLoopRun {
  /** 2xx answers, warm-up included. */
  readonly answered: number;
  readonly figures: LoadFigures;
  readonly cpu: CpuShares;
}

async function measureClosedLoop(target: Target, seconds: number): Promise<ClosedLoopRun> {
  const warmup = await closedLoop(target.load, WARMUP_SECONDS, CLOSED_LOOP_CONNECTIONS);
  const [figures, cpu] = await withCpu(target, async () => {
    const measured = await closedLoop(target.load, seconds, CLOSED_LOOP_CONNECTIONS);
    print(formatFigures(`${target.name}, closed loop`, measured));
    return measured;
  });
  return { answered: warmup.ok + figures.ok, figures, cpu };
}

/** Herald at a fixed rate; resolves with its p99 (paced) and how many requests it answered with 2xx in all. */
async function measureOpenLoop(herald: Target, seconds: number): Promise<{ answered: number; p99Ms: number }> {
  const capped = await rateLimited(herald.load, seconds, OPEN_LOOP_CONNECTIONS, OPEN_LOOP_RATE);
  print(formatFigures(`Herald, autocannon overallRate ${OPEN_LOOP_RATE}`, capped));
  const perConnection = OPEN_LOOP_RATE / OPEN_LOOP_CONNECTIONS;
  print(`  (not a steady rate: each of the ${OPEN_LOOP_CONNECTIONS} connections sends its ${perConnection} requests back to back`);
  print('  at the start of each second)');
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const [paced] = await withCpu(herald, async () => {
    delay.enable();
    const figures = await pacedLoad({
      ...herald.load,
      rate: OPEN_LOOP_RATE,
      warmupSeconds: WARMUP_SECONDS,
      seconds,
      sockets: OPEN_LOOP_CONNECTIONS,
    });
    delay.disable();
    print(formatFigures(`Herald, paced ${OPEN_LOOP_RATE} req/s (one per ms)`, figures));
    return figures;
  }, (figures) => figures.warmupOk + figures.ok + figures.non2xx);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  print(`  latency counted from each request's issue; issue lag behind schedule p99 ${paced.p99LagMs.toFixed(2)} ms;`);
  print(`  main thread event loop delay p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms`);
  return { answered: capped.ok + paced.warmupOk + paced.ok, p99Ms: paced.p99Ms };
}

async function checkWhatWasDone(herald: HeraldGateway, heraldAnswered: number, sim: TeamsSim, botAnswered: number) {
  const replies = sim.connectorCalls.filter((call) => call.operation === 'replyToActivity');
  const delivered = replies.filter((call) => call.status === 201).length;
  print(`JetStream holds ${await herald.storedActivities()} activities; Herald answered ${heraldAnswered} with 2xx`);
  print(`  and verified token signatures ${herald.tokenVerifications()} times (every other request: verified-token cache)`);
  print(`sim's Bot Connector took ${delivered} echo replies (${replies.length - delivered} refused);`);
  print(`  echo bot answered ${botAnswered} with 2xx`);
  print('  (requests in flight when a run ends are completed by the server, not counted by the load generator)');
}

function verdict(herald: ClosedLoopRun, bot: ClosedLoopRun, p99Ms: number) {
  const ratio = herald.figures.rate / bot.figures.rate;
  const cpuRatio = bot.cpu.perRequestUs / herald.cpu.perRequestUs;
  const holds = (ok: boolean) => (ok ? 'MET' : 'MISSED');
  print(`Herald / echo bot req/s: ${ratio.toFixed(2)}x — target ≥ ${TARGET_RATIO}x: ${holds(ratio >= TARGET_RATIO)}`);
  print(`  (CPU per answer on each server's own thread: echo bot / Herald = ${cpuRatio.toFixed(2)}x)`);
  const p99 = `Herald p99 at ${OPEN_LOOP_RATE} req/s (paced): ${p99Ms.toFixed(2)} ms`;
  print(`${p99} — target ≤ ${TARGET_P99_MS} ms: ${holds(p99Ms <= TARGET_P99_MS)}`);
}

async function compare(sim: TeamsSim, herald: HeraldGateway, bot: EchoBot): Promise<void> {
  const seconds = measuredSeconds();
  const bodyTemplate = activityTemplate(sim);
  const token = await sim.mintChannelToken({ serviceUrl: sim.serviceUrl });
  const heraldTarget: Target = {
    name: 'Herald',
    load: { url: herald.url, bodyTemplate, token },
    threadCpu: async () => process.threadCpuUsage(),
    restOfProcess: 'load generator',
  };
  const botTarget: Target = {
    name: 'echo bot',
    load: { url: bot.url, bodyTemplate, token },
    threadCpu: () => bot.threadCpu(),
    restOfProcess: 'teams-sim + load generator',
  };
  setupDescription(herald, bot, sim).forEach((line) => print(line));
  const refused = [await statusForForeignToken(heraldTarget, sim), await statusForForeignToken(botTarget, sim)];
  print(`a validly signed token for another bot: Herald ${refused[0]}, echo bot ${refused[1]}`);
  const shape = `${CLOSED_LOOP_CONNECTIONS} connections, pipelining 1, ${seconds} s after ${WARMUP_SECONDS} s warm-up`;
  print(`\nclosed loop: ${shape}; one token reused`);
  const heraldRun = await measureClosedLoop(heraldTarget, seconds);
  const botRun = await measureClosedLoop(botTarget, seconds);
  print(`\nopen loop against Herald: ${OPEN_LOOP_RATE} req/s for ${seconds} s, up to ${OPEN_LOOP_CONNECTIONS} connections`);
  const open = await measureOpenLoop(heraldTarget, seconds);
  print();
  await checkWhatWasDone(herald, heraldRun.answered + open.answered, sim, botRun.answered);
  verdict(heraldRun, botRun, open.p99Ms);
}

/**
 * Herald's gateway against a botbuilder echo bot, both behind teams-sim: closed-loop throughput of each,
 * then Herald's latency at a fixed 1,000 activities per second.
 */
export async function gatewayBench(): Promise<void> {
  const sim = await startTeamsSim({ appId: DEV_APP_ID, appPassword: DEV_APP_SECRET });
  const closers: (() => Promise<void>)[] = [() => sim.close()];
  try {
    const herald = await startHeraldGateway(sim.url);
    closers.unshift(() => herald.close());
    const bot = await startEchoBot({
      appId: DEV_APP_ID,
      appPassword: DEV_APP_SECRET,
      openIdMetadataUrl: sim.openIdMetadataUrl,
      authorityHost: sim.authorityHost,
    });
    closers.unshift(() => bot.close());
    await compare(sim, herald, bot);
  } finally {
    for (const close of closers) await close();
  }
}
