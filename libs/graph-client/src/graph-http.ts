import { TokenEndpointError } from '@herald/connector-client';
import { GraphError, graphErrorOf, isTransient, networkError, retryAfterMs } from './graph-error.js';
import type { TenantTokens } from './graph-app-tokens.js';

export interface RetryPolicy {
  /** Most time one call may spend waiting for Retry-After or backoff, all attempts together; past it the 429/503/504 is thrown (default 60 s). */
  maxTotalWaitMs: number;
  /** Most attempts of one call (default 8). */
  maxAttempts: number;
  /** Backoff when Graph sends no Retry-After: base × 2^n with jitter, capped at `maxDelayMs` (defaults 500 ms, 30 s). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxTotalWaitMs: 60_000, maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface HttpRequest {
  method: string;
  url: string;
  body?: unknown;
  /** Extra request headers, e.g. `ConsistencyLevel: eventual` for advanced directory queries. */
  headers?: Readonly<Record<string, string>>;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The wait budget of one logical call, shared by every attempt (and every sub-request retry of a batch). */
export class WaitBudget {
  private waited = 0;
  private attempts = 1;

  constructor(private readonly policy: RetryPolicy) {}

  /** The wait before the next attempt, or undefined when the budget does not allow one. */
  next(hintMs: number | undefined): number | undefined {
    const backoff = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (this.attempts - 1)) * (0.5 + Math.random() / 2);
    const delay = hintMs ?? backoff;
    if (this.attempts >= this.policy.maxAttempts || this.waited + delay > this.policy.maxTotalWaitMs) return undefined;
    this.attempts++;
    this.waited += delay;
    return delay;
  }
}

/**
 * One tenant's authenticated Graph calls: a 2xx answer is returned; 429/503/504 are tried again
 * after their Retry-After (or a capped backoff) while the wait budget lasts; a 401 is tried once
 * more with a fresh token; anything else is thrown as a GraphError. Redirects are never followed
 * (they would carry the token elsewhere) and every attempt has a timeout.
 */
export class GraphHttp {
  constructor(
    private readonly tokens: TenantTokens,
    readonly tenantId: string,
    readonly retry: RetryPolicy,
    private readonly timeoutMs: number,
  ) {}

  async send(request: HttpRequest, budget = new WaitBudget(this.retry)): Promise<HttpResponse> {
    let token = await this.token(() => this.tokens.get(this.tenantId));
    let refreshed = false;
    for (;;) {
      const response = await this.once(request, token);
      if (response.status >= 200 && response.status < 300) return response;
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        const stale = token;
        token = await this.token(() => this.tokens.fresh(this.tenantId, stale));
        continue;
      }
      const hint = retryAfterMs(response.headers.get('retry-after'));
      const delay = isTransient(response.status) ? budget.next(hint) : undefined;
      if (delay === undefined) throw graphErrorOf(response.status, response.body, response.headers, hint);
      await sleep(delay);
    }
  }

  private async once(request: HttpRequest, token: string): Promise<HttpResponse> {
    const json = request.body !== undefined;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: { ...request.headers, authorization: `Bearer ${token}`, accept: 'application/json', ...(json ? { 'content-type': 'application/json' } : {}) },
        ...(json ? { body: JSON.stringify(request.body) } : {}),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { status: response.status, headers: response.headers, body: parse(await response.text()) };
    } catch (error) {
      throw networkError(error);
    }
  }

  private async token(get: () => Promise<string>): Promise<string> {
    try {
      return await get();
    } catch (error) {
      const message = `no Graph token for tenant ${this.tenantId}: ${(error as Error).message}`;
      // Entra refused the tenant or the app for good: a 4xx of its own, not an outage to wait out.
      if (error instanceof TokenEndpointError && error.refused) throw new GraphError(error.status, 'TokenRefused', message, undefined, undefined, { cause: error });
      throw new GraphError(undefined, 'TokenUnavailable', message, undefined, undefined, { cause: error });
    }
  }
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
