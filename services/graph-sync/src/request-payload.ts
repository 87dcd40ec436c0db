/**
 * The body of a graph-sync request. The contracts define plain bodies; a caller that sends through
 * MessageBus.request wraps it in a Herald message (`{ type, data, metadata }`): its `data` is the body.
 */
export function requestBody(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null) return payload;
  const message = payload as { type?: unknown; data?: unknown; metadata?: unknown };
  return typeof message.type === 'string' && typeof message.metadata === 'object' && message.data !== undefined ? message.data : payload;
}
