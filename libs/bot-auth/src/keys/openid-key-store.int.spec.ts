import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeOpenIdProvider } from '../openid-provider.spec-helpers.js';
import { createTestKey, T0, type TestKey } from '../test-tokens.spec-helpers.js';
import { FORCED_REFRESH_INTERVAL_MS, KEY_MAX_AGE_MS, OpenIdKeyStore } from './openid-key-store.js';

describe('OpenID key store (local provider on 127.0.0.1)', () => {
  let provider: FakeOpenIdProvider;
  let first: TestKey;
  let second: TestKey;
  let now: number;
  let store: OpenIdKeyStore;

  beforeAll(async () => {
    provider = await FakeOpenIdProvider.start();
    [first, second] = await Promise.all([createTestKey(), createTestKey()]);
  });
  afterAll(() => provider.stop());
  beforeEach(() => {
    provider.reset();
    provider.publish(first);
    now = T0;
    store = new OpenIdKeyStore({ metadataUrl: provider.metadataUrl, now: () => now, fetchTimeoutMs: 2_000 });
  });

  it('loads the keys once and serves them from memory for 24 hours', async () => {
    await store.getKey(first.kid);
    now += KEY_MAX_AGE_MS - 1;
    await store.getKey(first.kid);
    expect(provider.requests).toEqual({ metadata: 1, jwks: 1 });
  });

  it('re-reads the keys once they are 24 hours old, dropping keys no longer published', async () => {
    await store.getKey(first.kid);
    provider.publish(second);
    now += KEY_MAX_AGE_MS;
    await expect(store.getKey(second.kid)).resolves.toMatchObject({ kid: second.kid });
    expect(provider.requests).toEqual({ metadata: 2, jwks: 2 });
    await expect(store.getKey(first.kid)).rejects.toMatchObject({ status: 401, check: 'signing-key' });
  });

  it('forces one refresh for an unknown kid, then at most one a minute', async () => {
    await store.getKey(first.kid);
    await expect(store.getKey('unknown-1')).rejects.toMatchObject({ status: 401 });
    expect(provider.requests.jwks).toBe(2);
    now += FORCED_REFRESH_INTERVAL_MS - 1;
    await expect(store.getKey('unknown-2')).rejects.toMatchObject({ status: 401 });
    expect(provider.requests.jwks).toBe(2);
    now += 1;
    await expect(store.getKey('unknown-3')).rejects.toMatchObject({ status: 401 });
    expect(provider.requests.jwks).toBe(3);
  });

  it('does not refresh twice for an unknown kid on the very first load', async () => {
    await expect(store.getKey('unknown')).rejects.toMatchObject({ status: 401 });
    expect(provider.requests).toEqual({ metadata: 1, jwks: 1 });
  });

  it('shares one fetch between concurrent callers', async () => {
    await Promise.all([store.getKey(first.kid), store.getKey(first.kid), store.getKey(first.kid)]);
    expect(provider.requests).toEqual({ metadata: 1, jwks: 1 });
  });

  it.each([
    ['the metadata endpoint answers 503', () => (provider.failing = 'metadata')],
    ['the JWKS endpoint answers 503', () => (provider.failing = 'jwks')],
    ['the metadata has no jwks_uri', () => (provider.metadataExtras = { jwks_uri: undefined })],
    ['the metadata does not offer RS256', () => (provider.metadataExtras = { id_token_signing_alg_values_supported: ['RS384'] })],
  ])('answers 503 when %s, and recovers once it is fixed', async (_name, breakIt) => {
    breakIt();
    await expect(store.getKey(first.kid)).rejects.toMatchObject({ status: 503, check: 'signing-keys-unavailable' });
    provider.reset();
    await expect(store.getKey(first.kid)).resolves.toMatchObject({ kid: first.kid });
  });

  it('answers 503 when the provider is unreachable', async () => {
    const gone = await FakeOpenIdProvider.start();
    await gone.stop();
    const orphan = new OpenIdKeyStore({ metadataUrl: gone.metadataUrl, now: () => now, fetchTimeoutMs: 2_000 });
    await expect(orphan.getKey(first.kid)).rejects.toMatchObject({ status: 503 });
  });

  it('answers 503, not stale keys, when the 24-hour refresh fails', async () => {
    await store.getKey(first.kid);
    provider.failing = 'jwks';
    now += KEY_MAX_AGE_MS;
    await expect(store.getKey(first.kid)).rejects.toMatchObject({ status: 503 });
  });
});
