import type { ConnectorResult } from './connector-errors.js';
import { errorResponse } from './connector-errors.js';

/**
 * Teams' published rate limits for bots (msteams-docs "Optimize your bot: rate limiting and best
 * practices"): per bot per conversation 7 / 1 s, 8 / 2 s, 60 / 30 s, 1800 / 3600 s; per app per
 * tenant 50 requests per second. Exceeding one is answered 429 with `Retry-After` (seconds).
 */
const PER_CONVERSATION: readonly (readonly [windowMs: number, limit: number])[] = [
  [1_000, 7],
  [2_000, 8],
  [30_000, 60],
  [3_600_000, 1_800],
];

export interface ConnectorLimitOptions {
  /** Enforce the limits (default false: tests of other things are not throttled). */
  enforce?: boolean;
  /** Per app per tenant, requests per second (default 50). */
  perTenantPerSecond?: number;
  /** Added before every Bot Connector answer (default 0). */
  latencyMs?: number;
}

/**
 * What a chosen conversation answers instead (`status` + `code`); `reset`: the connection drops
 * after the request arrived; `hang`: no answer at all (until the caller gives up); `answerAfterMs`:
 * the call succeeds as usual, its answer held back that long.
 */
export type ConnectorFault = { status: number; code: string; retryAfterSeconds?: number } | { answerAfterMs: number } | 'reset' | 'hang';

export class ConnectorLimits {
  private readonly conversations = new Map<string, number[]>();
  private readonly tenants = new Map<string, number[]>();
  readonly faults = new Map<string, ConnectorFault>();
  /** Connections held open by `hang`, closed when the sim stops. */
  readonly hanging = new Set<{ destroy(): void }>();
  throttled = 0;

  constructor(private readonly options: ConnectorLimitOptions) {}

  get latencyMs(): number {
    return this.options.latencyMs ?? 0;
  }

  /** The fault or 429 this call gets, else undefined (and the call is counted). */
  admit(conversationId: string | undefined, tenantId: string, now = Date.now()): ConnectorResult | ConnectorFault | undefined {
    const fault = conversationId === undefined ? undefined : this.faults.get(conversationId);
    if (fault) return fault;
    if (!this.options.enforce) return undefined;
    const tenantCalls = recent(this.tenants, tenantId, now, 1_000);
    const conversationCalls = conversationId === undefined ? [] : recent(this.conversations, conversationId, now, 3_600_000);
    const waits = [waitFor(tenantCalls, now, 1_000, this.options.perTenantPerSecond ?? 50)];
    for (const [windowMs, limit] of PER_CONVERSATION) waits.push(waitFor(conversationCalls, now, windowMs, limit));
    const wait = Math.max(...waits);
    if (wait > 0) {
      this.throttled += 1;
      return throttled(wait);
    }
    tenantCalls.push(now);
    if (conversationId !== undefined) conversationCalls.push(now);
    return undefined;
  }
}

/** The calls of `key` within the longest window, oldest first (older ones dropped). */
function recent(calls: Map<string, number[]>, key: string, now: number, keepMs: number): number[] {
  let list = calls.get(key);
  if (!list) {
    list = [];
    calls.set(key, list);
  }
  let drop = 0;
  while (drop < list.length && list[drop]! <= now - keepMs) drop++;
  if (drop > 0) list.splice(0, drop);
  return list;
}

/** How long until one more call fits `limit` calls per `windowMs` (0: it fits now). */
function waitFor(calls: readonly number[], now: number, windowMs: number, limit: number): number {
  let inWindow = 0;
  for (let i = calls.length - 1; i >= 0 && calls[i]! > now - windowMs; i--) inWindow++;
  if (inWindow < limit) return 0;
  const oldestThatMustLeave = calls[calls.length - limit]!;
  return oldestThatMustLeave + windowMs - now;
}

function throttled(waitMs: number): ConnectorResult {
  const result = errorResponse(429, 'TooManyRequests', 'The bot sent too many requests; retry after the time in Retry-After.');
  return { ...result, headers: { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1_000))) } };
}
