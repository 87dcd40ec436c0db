import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@herald/config';
import { notifierConfigSchema } from '../notifier.config.js';
import { CallbackClient, CallbackError, type Resolver } from './callback.client.js';

/** The app: records what reached it; `/moved` redirects to `/landing`, `/chatty` answers 100 KB, `/slow` answers after 2 s. */
const received: { path: string; host: string | undefined }[] = [];
let app: Server;
let port: number;

beforeAll(async () => {
  app = createServer((request: IncomingMessage, response) => {
    request.resume();
    request.on('end', () => {
      received.push({ path: request.url ?? '', host: request.headers.host });
      if (request.url === '/moved') return void response.writeHead(307, { location: `http://127.0.0.1:${port}/landing` }).end();
      if (request.url === '/chatty') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text: 'x'.repeat(100 * 1024) }));
      if (request.url === '/slow') return void setTimeout(() => response.writeHead(200).end('{}'), 2_000);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"ok"}');
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  port = (app.address() as AddressInfo).port;
});

afterAll(async () => {
  app.closeAllConnections();
  await new Promise((resolve) => app.close(resolve));
});

const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused' };
const production = parseConfig(notifierConfigSchema, { ...env, MICROSOFT_APP_ID: '5b7c1a4e-0000-4000-8000-00000000c0de', MICROSOFT_APP_PASSWORD: 'x' }).callbackTargets;
const devMode = parseConfig(notifierConfigSchema, env).callbackTargets;
const resolvingTo = (...addresses: string[]): Resolver & { calls: number } => {
  const resolver = Object.assign(async () => {
    resolver.calls += 1;
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }, { calls: 0 });
  return resolver;
};
const reached = (path: string) => received.filter((call) => call.path === path).length;
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: Error) => (error instanceof CallbackError ? error.message : `not a CallbackError: ${error.message}`));

describe('the callback client with the production configuration', () => {
  const client = new CallbackClient(production, { resolve: resolvingTo('127.0.0.1') });

  it('refuses loopback targets, by address or by name, before any connection', async () => {
    const before = reached('/hook');
    expect(await refusal(client.post(`http://127.0.0.1:${port}/hook`, '{}', {}))).toMatch(/127\.0\.0\.1.*loopback/);
    expect(await refusal(new CallbackClient(production).post(`https://localhost:${port}/hook`, '{}', {}))).toMatch(/localhost resolves to .*loopback/);
    expect(await refusal(client.post(`https://[::1]:${port}/hook`, '{}', {}))).toMatch(/loopback/);
    expect(reached('/hook')).toBe(before);
  });

  it('refuses a name that resolves to a private or link-local address, and one with any such address among its records', async () => {
    expect(await refusal(new CallbackClient(production, { resolve: resolvingTo('10.1.2.3') }).post('https://hooks.example.com/x', '{}', {}))).toMatch(/hooks\.example\.com resolves to 10\.1\.2\.3/);
    expect(await refusal(new CallbackClient(production, { resolve: resolvingTo('169.254.169.254') }).post('https://metadata.example.com/', '{}', {}))).toMatch(/169\.254\.169\.254/);
    expect(await refusal(new CallbackClient(production, { resolve: resolvingTo('20.190.151.7', 'fd00::7') }).post('https://mixed.example.com/', '{}', {}))).toMatch(/fd00::7/);
    expect(await refusal(client.post('https://100.64.1.1/', '{}', {}))).toMatch(/100\.64\.1\.1/);
  });

  it('refuses plain http even to an allowlisted private range', async () => {
    const allowed = new CallbackClient({ ...production, allowedCidrs: ['127.0.0.0/8'] });
    const before = reached('/hook');
    expect(await refusal(allowed.post(`http://127.0.0.1:${port}/hook`, '{}', {}))).toMatch(/plain http/);
    expect(reached('/hook')).toBe(before);
  });
});

describe('the callback client in dev mode (loopback allowed)', () => {
  it('connects to the address it checked, whatever the name resolves to later (no DNS rebinding)', async () => {
    const resolver = resolvingTo('127.0.0.1');
    const client = new CallbackClient(devMode, { resolve: resolver });
    const answer = await client.post(`http://app.test:${port}/named`, '{}', {});
    expect(answer).toMatchObject({ status: 200, ok: true, body: '{"text":"ok"}' });
    expect(resolver.calls).toBe(1);
    expect(received.at(-1)).toEqual({ path: '/named', host: `app.test:${port}` });
  });

  it('does not follow a redirect: the 307 is the answer, and the target behind it receives nothing', async () => {
    const answer = await new CallbackClient(devMode).post(`http://127.0.0.1:${port}/moved`, '{}', {});
    expect(answer).toMatchObject({ status: 307, ok: false });
    expect(reached('/landing')).toBe(0);
  });

  it('cuts an answer over the cap off and fails the call', async () => {
    expect(await refusal(new CallbackClient(devMode).post(`http://127.0.0.1:${port}/chatty`, '{}', {}))).toMatch(/exceeded 65536 bytes/);
    const roomy = await new CallbackClient(devMode, { maxResponseBytes: 200 * 1024 }).post(`http://127.0.0.1:${port}/chatty`, '{}', {});
    expect(roomy.body.length).toBeGreaterThan(100 * 1024);
  });

  it('gives up when the app does not answer in time', async () => {
    const started = Date.now();
    expect(await refusal(new CallbackClient(devMode, { timeoutMs: 300 }).post(`http://127.0.0.1:${port}/slow`, '{}', {}))).toMatch(/no answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('still refuses private addresses that are not loopback', async () => {
    expect(await refusal(new CallbackClient(devMode, { resolve: resolvingTo('192.168.1.20') }).post('http://printer.local/', '{}', {}))).toMatch(/192\.168\.1\.20/);
  });
});
