/**
 * A Graph answer other than 2xx, as Graph's error body describes it (`error.code`, `error.message`,
 * `error.innerError['request-id']`), or a call that got no answer (`status` undefined; `code`
 * `Timeout`, `UnexpectedRedirect`, `UntrustedUrl`, `TokenUnavailable` or the socket's error code);
 * `TokenRefused` with Entra's 4xx when the token endpoint refused the tenant or the app for good.
 * `retryAfterMs`: what Graph asked for on a 429/503/504 the client gave up waiting for.
 */
export class GraphError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly code: string,
    message: string,
    readonly requestId: string | undefined,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GraphError';
  }
}

interface GraphErrorBody {
  error?: { code?: unknown; message?: unknown; innerError?: { 'request-id'?: unknown } };
}

/** The GraphError for a non-2xx answer: Graph's code and message when the body has them, else `Http<status>`. */
export function graphErrorOf(status: number, body: unknown, headers: { get(name: string): string | null }, retryAfter?: number): GraphError {
  const error = (typeof body === 'object' && body !== null ? (body as GraphErrorBody).error : undefined) ?? {};
  const code = typeof error.code === 'string' && error.code ? error.code : `Http${status}`;
  const message = typeof error.message === 'string' && error.message ? error.message : `Graph answered ${status}`;
  const bodyRequestId = error.innerError?.['request-id'];
  const requestId = typeof bodyRequestId === 'string' ? bodyRequestId : (headers.get('request-id') ?? undefined);
  return new GraphError(status, code, message, requestId, retryAfter);
}

/** Throttled or briefly unavailable: worth the same request again after a wait (Graph throttling guidance). */
export function isTransient(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A failure without an HTTP answer: a redirect refused, a timeout, a refused or dropped connection. */
export function networkError(error: unknown): GraphError {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const name = (error as Error)?.name;
  if (/redirect/i.test(String(cause?.message ?? ''))) {
    return new GraphError(undefined, 'UnexpectedRedirect', 'Graph answered with a redirect; not followed', undefined, undefined, { cause: error });
  }
  const code = name === 'TimeoutError' || name === 'AbortError' ? 'Timeout' : (cause?.code ?? 'NetworkError');
  return new GraphError(undefined, code, `no answer from Graph: ${code}`, undefined, undefined, { cause: error });
}
