import { describe, expect, it } from 'vitest';
import { InboundTokenVerifier } from './inbound-token.verifier.js';
import { FORCED_REFRESH_INTERVAL_MS, KEY_MAX_AGE_MS } from './keys/openid-key-store.js';
import { FakeOpenIdProvider } from './openid-provider.spec-helpers.js';
import { createTestKey, teamsActivity } from './test-tokens.spec-helpers.js';
import { bearer, outcome, refused, useVerifierFixture } from './verifier-fixture.spec-helpers.js';

const fx = useVerifierFixture();
const accepted = { accepted: 'channel' };

describe('InboundTokenVerifier signing keys', () => {
  it('picks up a rotated key within one request, then limits unknown-kid refreshes to one a minute', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    expect(await outcome(verifier, bearer(await fx.channelToken()))).toEqual(accepted);
    expect(fx.channel.requests).toEqual({ metadata: 1, jwks: 1 });

    const rotated = await createTestKey({ endorsements: ['msteams'] });
    fx.channel.publish(rotated);
    expect(await outcome(verifier, bearer(await fx.channelToken({}, rotated)))).toEqual(accepted);
    expect(fx.channel.requests.jwks).toBe(2);

    const unknown = await createTestKey();
    fx.now += FORCED_REFRESH_INTERVAL_MS;
    expect(await outcome(verifier, bearer(await fx.channelToken({}, unknown)))).toEqual(refused(401, 'signing-key'));
    expect(fx.channel.requests.jwks).toBe(3);

    const anotherUnknown = await createTestKey();
    fx.now += FORCED_REFRESH_INTERVAL_MS - 1_000;
    expect(await outcome(verifier, bearer(await fx.channelToken({}, anotherUnknown)))).toEqual(refused(401, 'signing-key'));
    expect(fx.channel.requests).toEqual({ metadata: 3, jwks: 3 });
  });

  it('re-reads the keys after 24 hours, and not before', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    await verifier.verify({ authorization: bearer(await fx.channelToken()), activity: teamsActivity() });
    fx.now += KEY_MAX_AGE_MS - 1;
    await verifier.verify({ authorization: bearer(await fx.channelToken({ jti: 'second' })), activity: teamsActivity() });
    expect(fx.channel.requests).toEqual({ metadata: 1, jwks: 1 });

    fx.now += 1;
    fx.channel.publish(fx.keys.multi);
    expect(await outcome(verifier, bearer(await fx.channelToken({ jti: 'third' })))).toEqual(refused(401, 'signing-key'));
    expect(fx.channel.requests).toEqual({ metadata: 2, jwks: 2 });
    expect(await outcome(verifier, bearer(await fx.channelToken({}, fx.keys.multi)))).toEqual(accepted);
  });

  it('answers 503 (never 401) while the metadata endpoint is down, and recovers', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    fx.channel.failing = 'metadata';
    const token = bearer(await fx.channelToken());
    expect(await outcome(verifier, token)).toEqual(refused(503, 'signing-keys-unavailable'));
    fx.channel.failing = undefined;
    expect(await outcome(verifier, token)).toEqual(accepted);
  });

  it('answers 503 while the JWKS endpoint is down', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    fx.channel.failing = 'jwks';
    expect(await outcome(verifier, bearer(await fx.channelToken()))).toEqual(refused(503, 'signing-keys-unavailable'));
    expect(fx.channel.requests).toEqual({ metadata: 1, jwks: 1 });
  });

  it('answers 503 when nothing listens at the metadata URL', async () => {
    const gone = await FakeOpenIdProvider.start();
    await gone.stop();
    const verifier = new InboundTokenVerifier(fx.options({ openIdMetadataUrl: gone.metadataUrl }));
    expect(await outcome(verifier, bearer(await fx.channelToken()))).toEqual(refused(503, 'signing-keys-unavailable'));
  });

  it('still refuses a bad header or issuer with 401 while the keys are unavailable (no key lookup needed)', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    fx.channel.failing = 'metadata';
    expect(await outcome(verifier, `bearer ${await fx.channelToken()}`)).toEqual(refused(401, 'bearer-token'));
    const foreign = bearer(await fx.channelToken({ iss: 'https://evil.example' }));
    expect(await outcome(verifier, foreign)).toEqual(refused(401, 'allowed-issuer'));
    expect(fx.channel.requests.metadata).toBe(0);
  });
});
