/** Redelivery delay after a failed attempt: 0.5 s, 1 s, 2 s, … capped at 60 s. */
export function redeliveryDelayMs(deliveryCount: number): number {
  return Math.min(500 * 2 ** Math.max(0, deliveryCount - 1), 60_000);
}

/** Failures that no retry can fix: the message itself is bad. */
export class PoisonMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonMessageError';
  }
}

export function isPoison(error: unknown): boolean {
  return error instanceof PoisonMessageError || error instanceof SyntaxError || (error as Error)?.name === 'ZodError';
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
