import { beforeAll, describe, expect, it } from 'vitest';
import { createTestKey, type TestKey } from '../test-tokens.spec-helpers.js';
import { importSigningKeys, isUsableSigningKey } from './import-signing-keys.js';

describe('signing key import', () => {
  let key: TestKey;
  beforeAll(async () => {
    key = await createTestKey({ endorsements: ['msteams', 'skype'] });
  });

  it('imports an RSA signature key with its endorsements', async () => {
    const keys = await importSigningKeys([key.jwk]);
    expect(keys.get(key.kid)).toMatchObject({ kid: key.kid, endorsements: ['msteams', 'skype'] });
    expect(keys.get(key.kid)?.key.algorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5' });
  });

  it.each([
    ['an EC key', { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }],
    ['a symmetric key', { kty: 'oct', k: 'c2VjcmV0' }],
    ['an RSA key for RS384', { alg: 'RS384' }],
    ['an RSA key for PS256', { alg: 'PS256' }],
    ['an RSA encryption key', { use: 'enc' }],
    ['an RSA key without kid', { kid: undefined }],
    ['an RSA key without modulus', { n: undefined }],
    ['not an object', null],
  ])('ignores %s', async (_name, change) => {
    const entry = change === null ? null : { ...key.jwk, ...change };
    expect(isUsableSigningKey(entry)).toBe(false);
    expect((await importSigningKeys([entry])).size).toBe(0);
  });

  it('skips keys with a short or empty modulus, and keeps the first key of a kid', async () => {
    const other = await createTestKey();
    const entries = [{ ...key.jwk, kid: 'short', n: 'AQAB' }, { ...key.jwk, kid: 'empty', n: '' }, key.jwk, { ...other.jwk, kid: key.kid }];
    const keys = await importSigningKeys(entries);
    expect([...keys.keys()]).toEqual([key.kid]);
    expect(keys.get(key.kid)?.endorsements).toEqual(['msteams', 'skype']);
  });

  it('keeps only string endorsements, and none when the key lists none', async () => {
    const keys = await importSigningKeys([{ ...key.jwk, endorsements: ['msteams', 7] }, { ...key.jwk, kid: 'plain', endorsements: undefined }]);
    expect(keys.get(key.kid)?.endorsements).toEqual(['msteams']);
    expect(keys.get('plain')?.endorsements).toBeUndefined();
  });
});
