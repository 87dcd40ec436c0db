import { describe, expect, it } from 'vitest';
import type { NotificationRequest } from '@herald/contracts';
import { idempotencyKeyOf, requestDigest } from './idempotency.js';

const body = (extra: Partial<NotificationRequest> = {}): NotificationRequest => ({ recipients: [{ conversationId: 'a:1' }], text: 'hi', ...extra });
const status = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { getStatus(): number }).getStatus();
  }
  return undefined;
};

describe('the idempotency key of a request', () => {
  it('is the header, quoted as the draft writes it or bare, or the body field', () => {
    expect(idempotencyKeyOf('"8e03978e-40d5-43e8"', body())).toBe('8e03978e-40d5-43e8');
    expect(idempotencyKeyOf('8e03978e-40d5-43e8', body())).toBe('8e03978e-40d5-43e8');
    expect(idempotencyKeyOf(undefined, body({ idempotencyKey: 'k' }))).toBe('k');
    expect(idempotencyKeyOf('"k"', body({ idempotencyKey: 'k' }))).toBe('k');
    expect(idempotencyKeyOf(undefined, body())).toBeUndefined();
  });

  it('is refused (400) when the header and the body disagree, or the header is empty or repeated', () => {
    expect(status(() => idempotencyKeyOf('a', body({ idempotencyKey: 'b' })))).toBe(400);
    expect(status(() => idempotencyKeyOf('""', body()))).toBe(400);
    expect(status(() => idempotencyKeyOf(['a', 'b'], body()))).toBe(400);
  });
});

describe('the digest of a request', () => {
  it('ignores key order and the idempotency key, and changes with anything else', () => {
    const digest = requestDigest(body({ idempotencyKey: 'one' }));
    expect(requestDigest({ text: 'hi', recipients: [{ conversationId: 'a:1' }] })).toBe(digest);
    expect(requestDigest(body({ idempotencyKey: 'two' }))).toBe(digest);
    expect(requestDigest(body({ text: 'hi!' }))).not.toBe(digest);
    expect(requestDigest(body({ recipients: [{ conversationId: 'a:1', tenantId: 't' }] }))).not.toBe(digest);
  });
});
