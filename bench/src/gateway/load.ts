import autocannon from 'autocannon';

/** One POST per request: a signed activity whose `[<id>]` autocannon replaces with a fresh id each time. */
export interface ActivityLoad {
  readonly url: string;
  readonly bodyTemplate: string;
  readonly token: string;
}

export interface LoadFigures {
  /** Answers with a 2xx status per second of the run. */
  readonly rate: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  readonly non2xx: number;
  /** Connection errors, timeouts included. */
  readonly errors: number;
}

function options(load: ActivityLoad, seconds: number, connections: number): autocannon.Options {
  return {
    url: load.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${load.token}` },
    body: load.bodyTemplate,
    idReplacement: true,
    duration: seconds,
    connections,
    pipelining: 1,
    // Off this thread: the gateway and teams-sim run on the main thread.
    workers: 1,
  };
}

function figures(result: autocannon.Result): LoadFigures {
  return {
    rate: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** As many requests as `connections` keep in flight, each connection sending again as soon as it is answered. */
export async function closedLoop(load: ActivityLoad, seconds: number, connections: number): Promise<LoadFigures> {
  return figures(await autocannon(options(load, seconds, connections)));
}

/**
 * autocannon's `overallRate`: each connection may send rate/connections requests per second, back to back
 * from the start of each second, then waits for the next. Its coordinated-omission correction is turned
 * off: it would use `ceil(1 / per-connection rate)` = 1 ms as the expected interval (seconds taken for
 * milliseconds) and add made-up samples to every answer slower than 1 ms.
 */
export async function rateLimited(load: ActivityLoad, seconds: number, connections: number, rate: number): Promise<LoadFigures> {
  return figures(
    await autocannon({ ...options(load, seconds, connections), overallRate: rate, ignoreCoordinatedOmission: true }),
  );
}

export function formatFigures(label: string, figures: LoadFigures): string {
  return [
    label.padEnd(40),
    `${Math.round(figures.rate).toString().padStart(6)} req/s`,
    `p50 ${figures.p50Ms.toFixed(2).padStart(6)} ms`,
    `p99 ${figures.p99Ms.toFixed(2).padStart(6)} ms`,
    `2xx ${figures.ok}`,
    `non-2xx ${figures.non2xx}`,
    `errors ${figures.errors}`,
  ].join('  ');
}
