import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiKeysEnv } from './env.js';
import { ConfigError, parseConfig } from './parse-config.js';

const schema = z.object(apiKeysEnv);
const keys = (value: string) => parseConfig(schema, { HERALD_API_KEYS: value }).HERALD_API_KEYS;

describe('HERALD_API_KEYS', () => {
  it('plain keys keep their meaning: send and read, every tenant, the default rate', () => {
    expect(keys('key1, key2')).toEqual([
      { key: 'key1', scopes: ['notifications:send', 'notifications:read'], tenants: '*' },
      { key: 'key2', scopes: ['notifications:send', 'notifications:read'], tenants: '*' },
    ]);
  });

  it('an entry may give scopes, tenants and a rate', () => {
    expect(keys('k;scopes=notifications:read|admin;rate=120/min, t;tenants=a|b;rate=unlimited')).toEqual([
      { key: 'k', scopes: ['notifications:read', 'admin'], tenants: '*', rate: { limit: 120, windowMs: 60_000 } },
      { key: 't', scopes: ['notifications:send', 'notifications:read'], tenants: ['a', 'b'], rate: 'unlimited' },
    ]);
  });

  it('reports every bad entry by position, never showing a key', () => {
    const error = (() => {
      try {
        keys('secret-one;scopes=everything, secret-two;rate=fast, secret-three;colour=blue, secret-four;scopes=admin;tenants=t1');
      } catch (caught) {
        return caught as ConfigError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(4);
    expect(error!.problems.join('\n')).toMatch(/entry 1: scopes.*\n.*entry 2: rate.*\n.*entry 3: unknown attribute "colour".*\n.*entry 4: an admin key is for every tenant/);
    expect(error!.message).not.toContain('secret');
  });
});
