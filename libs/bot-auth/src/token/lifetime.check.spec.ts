import { describe, expect, it } from 'vitest';
import { checkLifetime } from './lifetime.check.js';

const NOW_S = 1_767_225_600;
const nowMs = NOW_S * 1000;
const valid = { nbf: NOW_S - 60, exp: NOW_S + 3600 };

describe('lifetime check (5 minutes of clock skew)', () => {
  it.each([
    ['a token within its validity period', valid],
    ['exp 4m59s ago', { ...valid, exp: NOW_S - 299 }],
    ['nbf 4m59s ahead', { ...valid, nbf: NOW_S + 299 }],
  ])('accepts %s', (_name, claims) => {
    expect(() => checkLifetime(claims, nowMs)).not.toThrow();
  });

  it.each([
    ['exp 5m01s ago', { ...valid, exp: NOW_S - 301 }],
    ['exp exactly 5 minutes ago', { ...valid, exp: NOW_S - 300 }],
    ['exp an hour ago', { ...valid, exp: NOW_S - 3600 }],
    ['nbf 5m01s ahead', { ...valid, nbf: NOW_S + 301 }],
    ['nbf an hour ahead', { ...valid, nbf: NOW_S + 3600 }],
    ['no exp', { nbf: valid.nbf }],
    ['no nbf', { exp: valid.exp }],
    ['a string exp', { ...valid, exp: String(valid.exp) }],
    ['a non-finite exp', { ...valid, exp: Number.POSITIVE_INFINITY }],
  ])('refuses %s with 401', (_name, claims) => {
    expect(() => checkLifetime(claims as never, nowMs)).toThrow(expect.objectContaining({ status: 401, check: 'lifetime' }));
  });
});
