/** How a consumer retries a message whose handler failed for a reason that may pass (a connection, a timeout, a 503). */
export interface RetryPolicy {
  /** First redelivery delay; doubles after each failure (default 500 ms). */
  firstDelayMs: number;
  /** The delay never grows past this (default 5 minutes). */
  maxDelayMs: number;
  /** Transient failures are retried this long in all before the message is dead-lettered (default 24 hours). */
  giveUpAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { firstDelayMs: 500, maxDelayMs: 5 * 60_000, giveUpAfterMs: 24 * 3_600_000 };

/** Redelivery delay after the `deliveryCount`-th failed attempt: 0.5 s, 1 s, 2 s, … capped. */
export function redeliveryDelayMs(deliveryCount: number, policy: RetryPolicy = DEFAULT_RETRY): number {
  return Math.min(policy.firstDelayMs * 2 ** Math.max(0, deliveryCount - 1), policy.maxDelayMs);
}

/** True once the delays of `deliveryCount` failed attempts add up to the policy's `giveUpAfterMs`. */
export function retriesExhausted(deliveryCount: number, policy: RetryPolicy = DEFAULT_RETRY): boolean {
  let waited = 0;
  for (let attempt = 1; attempt < deliveryCount; attempt++) {
    waited += redeliveryDelayMs(attempt, policy);
    if (waited >= policy.giveUpAfterMs) return true;
  }
  return false;
}

/**
 * A failure no retry can fix: the message itself is bad, or a peer refused it for good (a 4xx).
 * Only these are dead-lettered at once; anything else is retried.
 */
export class PoisonMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonMessageError';
  }
}

/** Postgres SQLSTATE classes that say the data is wrong (22 data exception, 23 integrity constraint): retrying the same data fails the same way. */
const PERMANENT_SQLSTATE = /^(22|23)/;

/** Validation of the message (zod, JSON), a PoisonMessageError, or Postgres refusing the data itself. */
export function isPermanent(error: unknown): boolean {
  if (error instanceof PoisonMessageError || error instanceof SyntaxError || (error as Error)?.name === 'ZodError') return true;
  const sqlState = (error as { code?: unknown; sqlState?: unknown })?.sqlState ?? (error as { code?: unknown })?.code;
  return typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState) && PERMANENT_SQLSTATE.test(sqlState);
}

/** Thrown by a handler to have the message redelivered after `delayMs` (e.g. a Retry-After). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetryLaterError';
  }
}
