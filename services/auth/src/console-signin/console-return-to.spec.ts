import { describe, expect, it } from 'vitest';
import { allowedReturnTo, returnWithToken } from './console-return-to.js';

const CONSOLE = 'https://herald.example/console';

describe('where a console sign-in may return to', () => {
  it.each([
    ['https://herald.example/console', 'https://herald.example/console'],
    ['https://herald.example/console/', 'https://herald.example/console/'],
    ['https://herald.example/console/messages/42?tab=status#old', 'https://herald.example/console/messages/42?tab=status'],
  ])('accepts the console page %s', (returnTo, expected) => {
    expect(allowedReturnTo(returnTo, CONSOLE)).toBe(expected);
  });

  it.each([
    ['another site', 'https://evil.example/console'],
    ['another scheme', 'http://herald.example/console'],
    ['another port', 'https://herald.example:8443/console'],
    ['a page outside the console', 'https://herald.example/api/v1/notifications'],
    ['a look-alike path', 'https://herald.example/console-evil'],
    ['an encoded climb', 'https://herald.example/console/%2e%2e/auth'],
    ['credentials', 'https://user:pw@herald.example/console'],
    ['a relative path', '/console'],
    ['a script', 'javascript:alert(1)'],
    ['nothing', undefined],
    ['a list', ['https://herald.example/console']],
  ])('refuses %s', (_name, returnTo) => {
    expect(allowedReturnTo(returnTo, CONSOLE)).toBeUndefined();
  });

  it('puts the token in the fragment, not the query', () => {
    const url = new URL(returnWithToken('https://herald.example/console/?a=1', { accessToken: 'eyJ.x.y', expiresIn: 3599 }));
    expect(url.search).toBe('?a=1');
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({ access_token: 'eyJ.x.y', expires_in: '3599', token_type: 'Bearer' });
  });
});
