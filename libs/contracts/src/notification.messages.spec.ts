import { describe, expect, it } from 'vitest';
import { notificationRequestSchema } from './notification.messages.js';

describe('notificationRequestSchema', () => {
  const request = { recipients: [{ allUsers: true }], text: 'hello' };

  // Found by the fuzz (tests/e2e/src/fuzz.e2e.spec.ts): the https/loopback refinements parsed the
  // URL again and threw on one that is no URL, so the API answered 500 instead of 400.
  it.each(['not a url', 'http://[::1/', 'https://', 'http://127.0.0.1:99999/'])('refuses the callbackUrl %j, naming the field (never throws)', (callbackUrl) => {
    const result = notificationRequestSchema.safeParse({ ...request, callbackUrl });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['callbackUrl']);
  });

  it('accepts an https callbackUrl and a loopback http one', () => {
    expect(notificationRequestSchema.safeParse({ ...request, callbackUrl: 'https://app.example/hook' }).success).toBe(true);
    expect(notificationRequestSchema.safeParse({ ...request, callbackUrl: 'http://127.0.0.1:8080/hook' }).success).toBe(true);
  });
});
