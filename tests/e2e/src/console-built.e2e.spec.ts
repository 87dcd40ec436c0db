import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteStreams, freePort, uniquePrefix } from '@herald/testing';
import { ServiceProcess } from './service-process.js';

/**
 * The messages console as production runs it: the gateway started from its build (`npm run
 * build`: tsc, then the console's Vite build), not from sources. Found when `npm start` failed:
 * Vite emptied services/gateway/dist/console — where tsc had put the console's API code — to
 * write the pages there, and the built gateway could not start.
 */

const prefix = uniquePrefix('console_built');
let gateway: ServiceProcess;

beforeAll(async () => {
  gateway = new ServiceProcess('gateway', await freePort(), { HERALD_BUS_PREFIX: prefix, LOG_LEVEL: 'warn' });
  gateway.start();
  await gateway.ready();
}, 60_000);

afterAll(async () => {
  if (gateway?.pid !== undefined) await gateway.stop('SIGTERM');
  await deleteStreams(prefix);
});

describe('the built gateway', () => {
  it('serves the console page, its hashed assets, and its API (which wants a token)', async () => {
    const page = await fetch(`${gateway.url}/console/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, 'the page loads its bundled script').toBeDefined();
    expect((await fetch(`${gateway.url}${script}`)).status).toBe(200);
    const me = await fetch(`${gateway.url}/api/v1/console/me`);
    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toContain('application/problem+json');
  });
});
