/** An error answer of Microsoft Graph: status, `error.code` and `error.message`. */
export interface GraphError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  /** A more specific code, sent as `innerError.code` (Graph's "detailed error codes"). */
  readonly innerCode?: string;
}

/**
 * A fault a test sets: Graph calls answer `status` (with Retry-After when given) until cleared; with `path`,
 * only calls whose path (after /graph, query excluded, e.g. `/v1.0/users/u1/teamwork/installedApps`) matches;
 * with `method`, only that method; with `times`, only that many calls, then the fault is gone.
 */
export interface GraphFault {
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly path?: string | RegExp;
  readonly method?: string;
  readonly times?: number;
}

/** Graph's innerError date: "2023-02-20T05:06:48" (UTC, no fraction, no zone). */
const graphDate = (at: Date): string => at.toISOString().slice(0, 19);

/**
 * The JSON error body (Graph "Error responses and resource types"): `{ error: { code, message, innerError:
 * { date, request-id, client-request-id } } }`, as Graph sends it with a 401 InvalidAuthenticationToken.
 */
export function graphErrorBody(failure: GraphError, requestId: string, clientRequestId: string, at: Date = new Date()) {
  return {
    error: {
      code: failure.code,
      message: failure.message,
      innerError: {
        ...(failure.innerCode ? { code: failure.innerCode } : {}),
        date: graphDate(at),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}

export const invalidToken = (message: string): GraphError => ({ status: 401, code: 'InvalidAuthenticationToken', message });

/** /me with an app-only token. */
export const delegatedOnly = (): GraphError => ({
  status: 400,
  code: 'BadRequest',
  message: '/me request is only valid with delegated authentication flow.',
});

/** What Graph answers with a status (error codes of the Graph error doc; 429 as its throttling doc shows). */
export function faultError(status: number): GraphError {
  const known: Record<number, Omit<GraphError, 'status'>> = {
    400: { code: 'invalidRequest', message: 'The request is malformed or incorrect.' },
    401: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' },
    403: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
    404: { code: 'Request_ResourceNotFound', message: "Resource 'me' does not exist or one of its queried reference-property objects are not present." },
    429: { code: 'TooManyRequests', message: 'Please retry again later.' },
    503: { code: 'serviceNotAvailable', message: 'The service is not available. Try the request again after a delay.' },
    504: { code: 'UnknownError', message: '' },
  };
  return { status, ...(known[status] ?? { code: 'generalException', message: 'An unspecified error has occurred.' }) };
}

/** A resource that is not there (Graph's directory message). */
export const notFound = (id: string): GraphError => ({
  status: 404,
  code: 'Request_ResourceNotFound',
  message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
});

export const badRequest = (message: string, code = 'BadRequest'): GraphError => ({ status: 400, code, message });
