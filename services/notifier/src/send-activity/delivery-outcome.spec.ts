import { describe, expect, it } from 'vitest';
import { ConnectorError } from '@herald/connector-client';
import { classifyFailure } from './delivery-outcome.js';

const answered = (status: number, code = `Http${status}`, retryAfterMs?: number) => new ConnectorError('x', status, code, retryAfterMs);
const network = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

describe('classifyFailure', () => {
  it('retries throttling after Retry-After', () => {
    expect(classifyFailure(answered(429, 'Throttled', 3_000))).toEqual({ kind: 'retry', code: 'Throttled', delayMs: 3_000 });
  });

  it.each([412, 502, 503, 504])('retries %i (Teams did not act on the request)', (status) => {
    expect(classifyFailure(answered(status)).kind).toBe('retry');
  });

  it('retries when the connection was refused before any byte was sent, or no token could be had', () => {
    expect(classifyFailure(network('ECONNREFUSED')).kind).toBe('retry');
    expect(classifyFailure(new ConnectorError('x', undefined, 'TokenUnavailable', undefined)).kind).toBe('retry');
  });

  it('calls a 500 or a timeout after sending Unknown: the POST is not repeated', () => {
    expect(classifyFailure(answered(500))).toMatchObject({ kind: 'unknown', status: 500 });
    expect(classifyFailure(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toEqual({ kind: 'unknown', code: 'Timeout' });
    expect(classifyFailure(network('ECONNRESET'))).toEqual({ kind: 'unknown', code: 'ECONNRESET' });
  });

  it('keeps the exact code of a final refusal', () => {
    expect(classifyFailure(answered(403, 'BotNotInConversationRoster'))).toEqual({ kind: 'failed', code: 'BotNotInConversationRoster', status: 403 });
    expect(classifyFailure(answered(404, 'ConversationNotFound'))).toMatchObject({ kind: 'failed', code: 'ConversationNotFound' });
    expect(classifyFailure(new ConnectorError('x', undefined, 'UntrustedServiceUrl', undefined))).toEqual({ kind: 'failed', code: 'UntrustedServiceUrl' });
  });
});
