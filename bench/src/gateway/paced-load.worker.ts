import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

/** A constant arrival rate, whatever the answers: request i is due at start + i / rate. */
export interface PacedLoadSettings {
  readonly url: string;
  /** `[<id>]` is replaced by an id of its own in every request. */
  readonly bodyTemplate: string;
  readonly token: string;
  readonly rate: number;
  /** Sent at the same rate first, and not measured. */
  readonly warmupSeconds: number;
  readonly seconds: number;
  /** Keep-alive connections; a request waits for a free one when all are busy (and that wait is measured). */
  readonly sockets: number;
}

export interface PacedLoadResult {
  /** 2xx answers to the warm-up requests. */
  readonly warmupOk: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  /** From the moment a request was issued to the end of its answer. */
  readonly latenciesMs: number[];
  /** How late each request was issued against its schedule (timer granularity). */
  readonly lagsMs: number[];
  /** From the first measured request's due time to the last measured answer. */
  readonly elapsedMs: number;
}

interface Outcome {
  readonly status: number | undefined;
  readonly latencyMs: number;
  readonly endedAt: number;
}

const TIMEOUT_MS = 10_000;
const settings = workerData as PacedLoadSettings;
const runId = randomBytes(4).toString('hex');

function send(agent: Agent, index: number): Promise<Outcome> {
  const issuedAt = performance.now();
  const body = settings.bodyTemplate.replaceAll('[<id>]', `${runId}-${index}`);
  return new Promise((resolve) => {
    const done = (status: number | undefined) => {
      const endedAt = performance.now();
      resolve({ status, latencyMs: endedAt - issuedAt, endedAt });
    };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${settings.token}` };
    const req = request(settings.url, { agent, method: 'POST', headers }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode));
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', () => done(undefined));
    req.end(body);
  });
}

/** Issues every request at its due time (checked every millisecond); resolves with the measured ones. */
interface Issued {
  readonly warmup: Promise<Outcome>[];
  readonly measured: Promise<Outcome>[];
  /** When the first measured request was due. */
  readonly firstDue: number;
}

async function issueOnSchedule(agent: Agent, lagsMs: number[]): Promise<Issued> {
  const intervalMs = 1000 / settings.rate;
  const warmup = Math.round(settings.rate * settings.warmupSeconds);
  const total = warmup + Math.round(settings.rate * settings.seconds);
  const warmupOutcomes: Promise<Outcome>[] = [];
  const measured: Promise<Outcome>[] = [];
  const start = performance.now();
  let next = 0;
  await new Promise<void>((finished) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor((performance.now() - start) / intervalMs) + 1);
      for (; next < due; next += 1) {
        const outcome = send(agent, next);
        if (next < warmup) {
          warmupOutcomes.push(outcome);
          continue;
        }
        lagsMs.push(performance.now() - (start + next * intervalMs));
        measured.push(outcome);
      }
      if (next >= total) finished(void clearInterval(timer));
    }, 1);
  });
  return { warmup: warmupOutcomes, measured, firstDue: start + warmup * intervalMs };
}

const isOk = (outcome: Outcome) => outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;

async function run(): Promise<PacedLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: settings.sockets });
  const lagsMs: number[] = [];
  const { warmup, measured, firstDue } = await issueOnSchedule(agent, lagsMs);
  const [warmupOutcomes, outcomes] = [await Promise.all(warmup), await Promise.all(measured)];
  agent.destroy();
  const ok = outcomes.filter(isOk).length;
  const errors = outcomes.filter((o) => o.status === undefined).length;
  return {
    warmupOk: warmupOutcomes.filter(isOk).length,
    ok,
    non2xx: outcomes.length - ok - errors,
    errors,
    latenciesMs: outcomes.map((o) => o.latencyMs),
    lagsMs,
    elapsedMs: outcomes.reduce((last, o) => Math.max(last, o.endedAt), firstDue) - firstDue,
  };
}

parentPort?.postMessage(await run());
