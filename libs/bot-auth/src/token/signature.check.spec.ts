import { beforeAll, describe, expect, it } from 'vitest';
import {
  channelClaims,
  createTestKey,
  signToken,
  signTokenWith,
  T0,
  withHeader,
  withPayload,
  type TestKey,
} from '../test-tokens.spec-helpers.js';
import { verifySignature } from './signature.check.js';

describe('signature check', () => {
  let key: TestKey;
  let other: TestKey;
  beforeAll(async () => {
    [key, other] = await Promise.all([createTestKey(), createTestKey()]);
  });

  it('returns the claims of a token signed RS256 by the key', async () => {
    const claims = channelClaims(T0);
    await expect(verifySignature(await signToken(key, claims), key.publicKey)).resolves.toEqual(claims);
  });

  it('refuses a token signed by another key', async () => {
    const token = await signToken(other, channelClaims(T0), { kid: key.kid });
    await expect(verifySignature(token, key.publicKey)).rejects.toMatchObject({ status: 401, check: 'signature' });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const token = withPayload(await signToken(key, channelClaims(T0)), { ...channelClaims(T0), aud: 'someone-else' });
    await expect(verifySignature(token, key.publicKey)).rejects.toMatchObject({ status: 401, check: 'signature' });
  });

  it('refuses an RS384 signature presented under an RS256 header', async () => {
    const token = withHeader(await signTokenWith('RS384', key, channelClaims(T0)), { alg: 'RS256', kid: key.kid });
    await expect(verifySignature(token, key.publicKey)).rejects.toMatchObject({ status: 401, check: 'signature' });
  });

  it('refuses a JWS whose payload is not a JSON claims set', async () => {
    const token = await signToken(key, channelClaims(T0));
    const [header, , signature] = token.split('.');
    await expect(verifySignature(`${header}.bm90IGpzb24.${signature}`, key.publicKey)).rejects.toMatchObject({ status: 401 });
  });
});
