import { ConnectorError } from '@herald/connector-client';

/** What a failed Bot Connector call means for the command. */
export type FailureOutcome =
  | { kind: 'retry'; code: string; delayMs?: number }
  | { kind: 'failed'; code: string; status?: number }
  | { kind: 'unknown'; code: string; status?: number };

/** Failures before any byte of the request left: safe to send again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'TokenUnavailable']);
/** Refusals made before anything was sent, for good. */
const REFUSED = new Set(['UntrustedServiceUrl', 'UnexpectedRedirect', 'InvalidId']);
/** Answers by which Teams says it did not act on the request. */
const NOT_ACTED = new Set([412, 429, 503]);

/**
 * Classifies a failed Bot Connector call — and only that: Herald's own failures (NATS,
 * Postgres) never reach here. Retry when Teams surely did not act (429, 412, 503, refused
 * connections, no token) or when repeating cannot double the effect (PUT, DELETE, GET,
 * createConversation). A POST of a new activity that met a 500, 502, 504, a timeout or a dropped
 * connection is ambiguous — a gateway may answer 502/504 after the Bot Connector posted it — so
 * it is Unknown, never re-sent. Other 4xx answers are final.
 */
export function classifyFailure(error: unknown): FailureOutcome {
  if (!(error instanceof ConnectorError)) return { kind: 'unknown', code: (error as Error)?.name ?? 'Error' };
  const { status, code, idempotent } = error;
  if (status === undefined) {
    if (NOT_SENT.has(code) || (idempotent && !REFUSED.has(code))) return { kind: 'retry', code };
    return REFUSED.has(code) ? { kind: 'failed', code } : { kind: 'unknown', code };
  }
  if (NOT_ACTED.has(status) || (status >= 500 && idempotent)) {
    return { kind: 'retry', code, ...(error.retryAfterMs ? { delayMs: error.retryAfterMs } : {}) };
  }
  if (status >= 500) return { kind: 'unknown', code, status };
  return { kind: 'failed', code, status };
}
