import { describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from './verified-token.cache.js';

describe('verified-token cache', () => {
  it('returns an entry until its expiry, then forgets it', () => {
    const cache = new VerifiedTokenCache<string>(10);
    cache.set('t', 'verified', 2_000);
    expect(cache.get('t', 1_999)).toBe('verified');
    expect(cache.get('t', 2_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new VerifiedTokenCache<number>(2);
    cache.set('a', 1, 10_000);
    cache.set('b', 2, 10_000);
    expect(cache.get('a', 0)).toBe(1);
    cache.set('c', 3, 10_000);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBe(1);
    expect(cache.get('c', 0)).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('stays bounded under many distinct tokens', () => {
    const cache = new VerifiedTokenCache<number>(100);
    for (let i = 0; i < 1_000; i += 1) cache.set(`token-${i}`, i, 10_000);
    expect(cache.size).toBe(100);
    expect(cache.get('token-999', 0)).toBe(999);
    expect(cache.get('token-0', 0)).toBeUndefined();
  });

  it('caches nothing with a bound of 0 and rejects a negative bound', () => {
    const cache = new VerifiedTokenCache<number>(0);
    cache.set('a', 1, 10_000);
    expect(cache.get('a', 0)).toBeUndefined();
    expect(() => new VerifiedTokenCache(-1)).toThrow(RangeError);
  });
});
