import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jetstreamManager } from '@nats-io/jetstream';
import { busNames, STREAMS, type StreamKey } from '@herald/contracts';
import type { NatsConnection } from '@herald/messaging';

/** What the fuzz learns from one answer. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Any HTTP request, as a raw client may send it; a hang (no answer in `timeoutMs`) is status 0. */
export async function send(url: string, init: { method: string; headers: Record<string, string | undefined>; body?: string }, timeoutMs = 15_000): Promise<Answer> {
  const headers = Object.fromEntries(Object.entries(init.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, asHeaderValue(String(value))]])));
  try {
    const response = await fetch(url, { method: init.method, headers, ...(init.body !== undefined && !['GET', 'HEAD'].includes(init.method) ? { body: init.body } : {}), signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') return { status: 0, contentType: '', text: `no answer in ${timeoutMs} ms` };
    throw error;
  }
}

/** A header value as bytes on the wire: no control characters but tab (HTTP allows none), UTF-8 sent as Latin-1 octets. */
function asHeaderValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return Buffer.from(value.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ''), 'utf8').toString('latin1').trim();
}

/** `value` as one URL path segment; a lone surrogate (which has no UTF-8) as the bytes ED A0 80 a raw client could send. */
export function pathSegment(value: unknown): string {
  try {
    return encodeURIComponent(String(value));
  } catch {
    return `${encodeURIComponent(String(value).replace(/\p{Cs}/gu, ''))}%ED%A0%80`;
  }
}

export const isProblem = (answer: Answer) => answer.contentType.startsWith('application/problem+json');

/**
 * What Herald answers an invoke it stored (router's invoke-answers.ts, auth's signin-answers.ts):
 * 501 only for the invokes nobody handles, as botbuilder does.
 */
export function expectedInvokeStatus(activity: Record<string, unknown>): number {
  const invoke = typeof activity['name'] === 'string' ? activity['name'] : '';
  if (invoke === 'signin/tokenExchange') return isTokenExchange(activity['value']) ? 412 : 400;
  if (invoke === 'signin/verifyState') return 404;
  if (invoke === 'signin/failure') return 200;
  if (invoke.startsWith('signin/')) return 501;
  if (['adaptiveCard/action', 'task/fetch', 'task/submit', 'fileConsent/invoke'].includes(invoke) || invoke.startsWith('composeExtension/')) return 200;
  return 501;
}

/** A token exchange's value auth can try (an id and a token, of Teams' sizes); anything else is 400. */
function isTokenExchange(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { id, token, connectionName } = value as Record<string, unknown>;
  const text = (field: unknown, max: number) => typeof field === 'string' && field.length >= 1 && field.length <= max;
  return text(id, 256) && text(token, 16_384) && (connectionName === undefined || (typeof connectionName === 'string' && connectionName.length <= 256));
}

/** A loopback server that records the paths it is called on (the fuzz's callbackUrl target). */
export async function startSink(): Promise<{ url: string; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const server: Server = createServer((request, response) => {
    paths.push(request.url ?? '');
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Messages not yet handled by the durable consumers of the bus under `prefix` (stream/consumer → count). */
export async function backlog(nats: NatsConnection, prefix: string): Promise<Record<string, number>> {
  const manager = await jetstreamManager(nats);
  const names = busNames(prefix);
  const pending: Record<string, number> = {};
  for (const key of Object.keys(STREAMS) as StreamKey[]) {
    for await (const consumer of manager.consumers.list(names.stream(key).name)) {
      if (!consumer.config.durable_name) continue;
      const count = consumer.num_pending + consumer.num_ack_pending;
      if (count > 0) pending[`${key}/${consumer.name}`] = count;
    }
  }
  return pending;
}

/** How many messages consumers gave up on (the DEAD_LETTER stream of the bus under `prefix`). */
export async function deadLetters(nats: NatsConnection, prefix: string): Promise<number> {
  const info = await (await jetstreamManager(nats)).streams.info(busNames(prefix).stream('deadLetter').name);
  return info.state.messages;
}
