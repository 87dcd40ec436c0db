import { describe, expect, it } from 'vitest';
import { InboundTokenVerifier } from './inbound-token.verifier.js';
import { CLOCK_SKEW_SECONDS } from './token/lifetime.check.js';
import { OTHER_TENANT_ID, teamsActivity } from './test-tokens.spec-helpers.js';
import { bearer, outcome, refused, seconds, useVerifierFixture } from './verifier-fixture.spec-helpers.js';

const fx = useVerifierFixture();
const accepted = { accepted: 'channel' };

describe('InboundTokenVerifier verified-token cache', () => {
  it('verifies a token once, yet runs the activity checks on every request', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    const token = bearer(await fx.channelToken());
    expect(await outcome(verifier, token)).toEqual(accepted);
    expect(await outcome(verifier, token)).toEqual(accepted);
    expect(verifier.tokenVerifications).toBe(1);

    const elsewhere = teamsActivity({ serviceUrl: 'https://evil.example.com/amer/' });
    expect(await outcome(verifier, token, elsewhere)).toEqual(refused(403, 'service-url'));
    const otherTenant = teamsActivity({ channelData: { tenant: { id: OTHER_TENANT_ID } } });
    expect(await outcome(verifier, token, otherTenant)).toEqual(refused(403, 'tenant-agreement'));
    expect(await outcome(verifier, token, teamsActivity({ channelId: 'webchat' }))).toEqual(refused(403, 'teams-channel'));
    expect(verifier.tokenVerifications).toBe(1);
    expect(fx.channel.requests).toEqual({ metadata: 1, jwks: 1 });
  });

  it('shares one verification among simultaneous first uses of a token', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    const token = bearer(await fx.channelToken());
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => outcome(verifier, token)));
    expect(outcomes.every((o) => o.accepted === 'channel')).toBe(true);
    expect(verifier.tokenVerifications).toBe(1);
  });

  it('keeps an entry only until the token exp, then verifies it again (and refuses it past the skew)', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    const exp = seconds(fx.now) + 600;
    const token = bearer(await fx.channelToken({ exp }));
    await outcome(verifier, token);
    fx.now = exp * 1000 - 1;
    expect(await outcome(verifier, token)).toEqual(accepted);
    expect(verifier.tokenVerifications).toBe(1);

    fx.now = exp * 1000;
    expect(await outcome(verifier, token)).toEqual(accepted);
    expect(verifier.tokenVerifications).toBe(2);

    fx.now = (exp + CLOCK_SKEW_SECONDS) * 1000;
    expect(await outcome(verifier, token)).toEqual(refused(401, 'lifetime'));
  });

  it('does not remember refused tokens', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    const token = bearer(await fx.channelToken({ aud: 'someone-else' }));
    await outcome(verifier, token);
    await outcome(verifier, token);
    expect(verifier.tokenVerifications).toBe(2);
  });

  it('keeps at most verifiedTokenCacheSize tokens', async () => {
    const verifier = new InboundTokenVerifier(fx.options({ verifiedTokenCacheSize: 1 }));
    const [first, second] = [bearer(await fx.channelToken({ jti: '1' })), bearer(await fx.channelToken({ jti: '2' }))];
    await outcome(verifier, first);
    await outcome(verifier, second);
    await outcome(verifier, second);
    expect(verifier.tokenVerifications).toBe(2);
    await outcome(verifier, first);
    expect(verifier.tokenVerifications).toBe(3);
  });
});
