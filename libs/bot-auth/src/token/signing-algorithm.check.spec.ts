import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { checkSigningAlgorithm } from './signing-algorithm.check.js';

const tokenWithHeader = (header: Record<string, unknown>) =>
  `${base64url.encode(JSON.stringify(header))}.${base64url.encode('{}')}.c2ln`;

describe('signing-algorithm check', () => {
  it('accepts RS256 with a kid and returns the kid', () => {
    expect(checkSigningAlgorithm(tokenWithHeader({ alg: 'RS256', kid: 'k1' }))).toEqual({ kid: 'k1' });
  });

  it.each(['none', 'HS256', 'HS384', 'HS512', 'RS384', 'RS512', 'PS256', 'ES256', 'EdDSA', 'rs256'])('refuses alg %s with 401', (alg) => {
    expect(() => checkSigningAlgorithm(tokenWithHeader({ alg, kid: 'k1' }))).toThrow(
      expect.objectContaining({ status: 401, check: 'signing-algorithm' }),
    );
  });

  it.each([
    ['no alg', { kid: 'k1' }],
    ['no kid', { alg: 'RS256' }],
    ['an empty kid', { alg: 'RS256', kid: '' }],
    ['a numeric kid', { alg: 'RS256', kid: 7 }],
  ])('refuses a header with %s', (_name, header) => {
    expect(() => checkSigningAlgorithm(tokenWithHeader(header))).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('refuses an unreadable header', () => {
    expect(() => checkSigningAlgorithm('%%%.e30.c2ln')).toThrow(expect.objectContaining({ status: 401, check: 'signing-algorithm' }));
  });
});
