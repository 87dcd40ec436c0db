import { describe, expect, it } from 'vitest';
import { ConnectorError } from '@herald/connector-client';
import { classifyFailure } from './delivery-outcome.js';

const answered = (status: number, options: { code?: string; retryAfterMs?: number; idempotent?: boolean } = {}) =>
  new ConnectorError('x', status, options.code ?? `Http${status}`, options.retryAfterMs, options.idempotent ?? false);
const unanswered = (code: string, idempotent = false) => new ConnectorError('x', undefined, code, undefined, idempotent);

describe('classifyFailure', () => {
  it('retries throttling after Retry-After', () => {
    expect(classifyFailure(answered(429, { code: 'Throttled', retryAfterMs: 3_000 }))).toEqual({ kind: 'retry', code: 'Throttled', delayMs: 3_000 });
  });

  it.each([412, 429, 503])('retries %i (Teams says it did not act on the request)', (status) => {
    expect(classifyFailure(answered(status)).kind).toBe('retry');
  });

  it.each([500, 502, 504])('calls a %i after a POST Unknown: a gateway may answer it after the Bot Connector acted', (status) => {
    expect(classifyFailure(answered(status))).toMatchObject({ kind: 'unknown', status });
  });

  it.each([500, 502, 504])('retries a %i after an idempotent call (PUT, DELETE, GET, createConversation)', (status) => {
    expect(classifyFailure(answered(status, { idempotent: true })).kind).toBe('retry');
  });

  it('retries when the connection was refused before any byte was sent, or no token could be had', () => {
    expect(classifyFailure(unanswered('ECONNREFUSED')).kind).toBe('retry');
    expect(classifyFailure(unanswered('TokenUnavailable')).kind).toBe('retry');
  });

  it('calls a timeout or a dropped connection after a POST Unknown, and retries it after an idempotent call', () => {
    expect(classifyFailure(unanswered('Timeout'))).toEqual({ kind: 'unknown', code: 'Timeout' });
    expect(classifyFailure(unanswered('ECONNRESET'))).toEqual({ kind: 'unknown', code: 'ECONNRESET' });
    expect(classifyFailure(unanswered('Timeout', true)).kind).toBe('retry');
    expect(classifyFailure(unanswered('ECONNRESET', true)).kind).toBe('retry');
  });

  it('keeps the exact code of a final refusal', () => {
    expect(classifyFailure(answered(403, { code: 'BotNotInConversationRoster' }))).toEqual({ kind: 'failed', code: 'BotNotInConversationRoster', status: 403 });
    expect(classifyFailure(answered(404, { code: 'ConversationNotFound' }))).toMatchObject({ kind: 'failed', code: 'ConversationNotFound' });
    expect(classifyFailure(unanswered('UntrustedServiceUrl'))).toEqual({ kind: 'failed', code: 'UntrustedServiceUrl' });
    expect(classifyFailure(unanswered('UnexpectedRedirect'))).toEqual({ kind: 'failed', code: 'UnexpectedRedirect' });
    expect(classifyFailure(unanswered('InvalidId', true))).toEqual({ kind: 'failed', code: 'InvalidId' });
  });
});
