import { ConnectorError } from '@herald/connector-client';

/** What a failed Bot Connector call means for the command. */
export type FailureOutcome =
  | { kind: 'retry'; code: string; delayMs?: number }
  | { kind: 'failed'; code: string; status?: number }
  | { kind: 'unknown'; code: string; status?: number };

/** Errors raised before any byte of the request left: safe to send again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const RETRYABLE_STATUS = new Set([412, 429, 502, 503, 504]);

/**
 * Classifies a failure. Retry only when Teams surely did not act on the request (429, 412,
 * 502–504, refused connections, no token); a timeout or 500 after sending is ambiguous
 * (Unknown): Bot Connector POSTs are not idempotent. Other 4xx answers are final.
 */
export function classifyFailure(error: unknown): FailureOutcome {
  if (error instanceof ConnectorError) {
    if (error.status === undefined) {
      return error.code === 'TokenUnavailable' ? { kind: 'retry', code: error.code } : { kind: 'failed', code: error.code };
    }
    if (RETRYABLE_STATUS.has(error.status)) {
      return { kind: 'retry', code: error.code, ...(error.retryAfterMs ? { delayMs: error.retryAfterMs } : {}) };
    }
    if (error.status >= 500) return { kind: 'unknown', code: error.code, status: error.status };
    return { kind: 'failed', code: error.code, status: error.status };
  }
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  if (cause && NOT_SENT.has(cause)) return { kind: 'retry', code: cause };
  const name = (error as Error)?.name;
  return { kind: 'unknown', code: name === 'TimeoutError' || name === 'AbortError' ? 'Timeout' : (cause ?? 'NetworkError') };
}
