/** An answer of a Bot Connector operation: status and body (undefined = no body). */
export interface ConnectorResult {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The connector's ErrorResponse: `{ error: { code, message } }` (Bot Connector API reference). */
export const errorResponse = (status: number, code: string, message: string): ConnectorResult => ({
  status,
  body: { error: { code, message } },
});

/**
 * 401 as ErrorResponse. The real service answers `{ "message": "Authorization has been denied for this
 * request." }`, so that top-level `message` is kept too for clients that read it.
 */
export const unauthorized = (): ConnectorResult => {
  const message = 'Authorization has been denied for this request.';
  return { status: 401, body: { message, error: { code: 'Unauthorized', message } } };
};

export const unknownActivityType = (): ConnectorResult => errorResponse(400, 'BadArgument', 'Unknown activity type');

export const badArgument = (message: string): ConnectorResult => errorResponse(400, 'BadArgument', message);
