import { describe, expect, it } from 'vitest';
import { AuthError } from '../auth-error.js';
import { readBearerToken } from './bearer-token.check.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl';

function refusal(authorization: Parameters<typeof readBearerToken>[0]): AuthError {
  try {
    readBearerToken(authorization);
  } catch (error) {
    return error as AuthError;
  }
  throw new Error('expected a refusal');
}

describe('bearer-token check', () => {
  it('reads the token of "Bearer <jwt>"', () => {
    expect(readBearerToken(`Bearer ${JWT}`)).toBe(JWT);
  });

  it('reads a single header given as a one-element array (Node headersDistinct)', () => {
    expect(readBearerToken([`Bearer ${JWT}`])).toBe(JWT);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['lowercase scheme (botbuilder compares scheme !== "Bearer")', `bearer ${JWT}`],
    ['upper-case scheme', `BEARER ${JWT}`],
    ['another scheme', `Basic ${JWT}`],
    ['scheme only', 'Bearer'],
    ['scheme and space only', 'Bearer '],
    ['two spaces', `Bearer  ${JWT}`],
    ['trailing text', `Bearer ${JWT} extra`],
    ['two segments', 'Bearer abc.def'],
    ['characters outside base64url', 'Bearer ab+c.def.ghi'],
    ['two Authorization headers', [`Bearer ${JWT}`, `Bearer ${JWT}`]],
    ['an empty header list', []],
  ])('refuses %s with 401', (_name, authorization) => {
    const error = refusal(authorization);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ status: 401, check: 'bearer-token' });
  });
});
