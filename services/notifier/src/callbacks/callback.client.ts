import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { CallbackTargetPolicy, type CallbackTargets } from './callback-targets.js';

/** An address a name resolved to. */
export type ResolvedAddress = { address: string; family: number };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** What the app answered: its status and (at most `maxResponseBytes` of) its body. A 3xx is an answer too: never followed. */
export interface CallbackAnswer {
  status: number;
  ok: boolean;
  body: string;
}

/** The call did not reach the app, was refused before it left, or its answer was cut off. */
export class CallbackError extends Error {
  override readonly name = 'CallbackError';
}

export interface CallbackClientOptions {
  /** The whole call — name lookup, connection, request and answer — must be over by then (default 5 s). */
  timeoutMs?: number;
  /** A larger answer is cut off and the call failed (default 64 KiB). */
  maxResponseBytes?: number;
  /** For tests: how host names resolve (default the system resolver, as every connection would). */
  resolve?: Resolver;
}

const defaultResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Every HTTP call Herald makes to an app's URL (card-action callbacks, delivery webhooks). The
 * host name is resolved first and the connection made to the address that was checked — so a name
 * that resolves elsewhere a moment later (DNS rebinding) changes nothing; private, loopback,
 * link-local, CGNAT, multicast and reserved addresses are refused unless allowed (CallbackTargets).
 * https only (plain http only to loopback in dev mode); redirects are answers, not followed; the
 * answer is capped; one deadline covers the whole call.
 */
export class CallbackClient {
  private readonly policy: CallbackTargetPolicy;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly resolve: Resolver;

  constructor(targets: CallbackTargets, options: CallbackClientOptions = {}) {
    this.policy = new CallbackTargetPolicy(targets);
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;
    this.resolve = options.resolve ?? defaultResolver;
  }

  /** POSTs `body` to `url`; rejects with a CallbackError when the call cannot or may not be made, or its answer is too large. */
  async post(url: string, body: string, headers: Record<string, string>): Promise<CallbackAnswer> {
    const target = new URL(url);
    if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new CallbackError(`${target.protocol} URLs are not called`);
    if (target.username || target.password) throw new CallbackError('URLs with credentials are not called');
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const address = await this.checkedAddress(host, target.protocol);
    return this.send(target, host, address, body, headers, deadline);
  }

  /** The first address of `host`, after every address it resolves to was found acceptable. */
  private async checkedAddress(host: string, protocol: string): Promise<ResolvedAddress> {
    const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await this.resolve(host).catch((error: Error) => Promise.reject(new CallbackError(`cannot resolve ${host}: ${error.message}`)));
    if (addresses.length === 0) throw new CallbackError(`${host} has no address`);
    for (const { address } of addresses) {
      const refusal = this.policy.refusal(host, address);
      if (refusal) throw new CallbackError(refusal);
      if (protocol === 'http:' && !this.policy.allowsPlainHttp(address)) throw new CallbackError('plain http callbacks are refused (https only; http to loopback only in dev mode)');
    }
    return addresses[0]!;
  }

  private send(target: URL, host: string, resolved: ResolvedAddress, body: string, headers: Record<string, string>, deadline: AbortSignal): Promise<CallbackAnswer> {
    // The socket connects to the checked address; TLS still verifies the certificate for the URL's host name.
    const lookup: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, [resolved]);
      else callback(null, resolved.address, resolved.family);
    };
    const transport = target.protocol === 'https:' ? https : http;
    return new Promise<CallbackAnswer>((resolve, reject) => {
      const request = transport.request(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        agent: false,
        lookup,
        signal: deadline,
        ...(isIP(host) ? {} : { servername: host }),
      });
      request.on('response', (response) => this.read(response, request, resolve, reject));
      request.on('error', (error) => reject(deadline.aborted ? new CallbackError(`no answer within ${this.timeoutMs} ms`) : error));
      request.end(body);
    });
  }

  private read(response: IncomingMessage, request: http.ClientRequest, resolve: (answer: CallbackAnswer) => void, reject: (error: Error) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.maxResponseBytes) {
        request.destroy();
        reject(new CallbackError(`the answer exceeded ${this.maxResponseBytes} bytes; cut off`));
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => {
      const status = response.statusCode ?? 0;
      resolve({ status, ok: status >= 200 && status < 300, body: Buffer.concat(chunks).toString('utf8') });
    });
    response.on('error', reject);
  }
}
