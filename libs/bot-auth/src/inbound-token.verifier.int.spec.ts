import { describe, expect, it } from 'vitest';
import type { AuthCheck } from './auth-error.js';
import { InboundTokenVerifier } from './inbound-token.verifier.js';
import {
  APP_ID,
  channelClaims,
  OTHER_APP_ID,
  OTHER_TENANT_ID,
  SERVICE_URL,
  signHs256WithPublicKey,
  signToken,
  signTokenWith,
  T0,
  teamsActivity,
  TENANT_ID,
  unsecuredToken,
  withHeader,
  withPayload,
} from './test-tokens.spec-helpers.js';
import {
  bearer,
  outcome,
  refused,
  seconds,
  useVerifierFixture,
  type VerifierFixture,
} from './verifier-fixture.spec-helpers.js';

const fx = useVerifierFixture();
const NOW = seconds(T0);

type Authorization = string | string[] | undefined;
type KeyName = keyof VerifierFixture['keys'];
type Expected = { accepted: 'channel' } | { status: number; check: AuthCheck };
interface MatrixCase {
  readonly name: string;
  readonly authorization: () => Promise<Authorization>;
  readonly activity: Record<string, unknown> | undefined;
  readonly expected: Expected;
}

/** `Bearer <channel token>` with these claim overrides, signed by the named key (Teams-endorsed by default). */
const channel = (overrides: Record<string, unknown> = {}, key: KeyName = 'teams') => async () =>
  bearer(await fx.channelToken(overrides, fx.keys[key]));
/** Any Authorization value, built when the test runs (keys exist only then). */
const header = (build: () => Authorization | Promise<Authorization>) => async () => build();
type Activity = Record<string, unknown> | undefined;
const ok = (name: string, authorization: MatrixCase['authorization'], activity?: Activity): MatrixCase => ({
  name,
  authorization,
  activity,
  expected: { accepted: 'channel' },
});
const no =
  (status: 401 | 403, check: AuthCheck) =>
  (name: string, authorization: MatrixCase['authorization'], activity?: Activity): MatrixCase => ({
    name,
    authorization,
    activity,
    expected: refused(status, check),
  });

const otherTenant = { conversation: { id: 'a:1', tenantId: OTHER_TENANT_ID }, channelData: { tenant: { id: OTHER_TENANT_ID } } };
const teamsKid = () => fx.keys.teams.kid;

const matrix: MatrixCase[] = [
  ok('a valid channel token', channel()),
  ok('exp 4m59s ago (inside the skew)', channel({ nbf: NOW - 3600, exp: NOW - 299 })),
  ok('nbf 4m59s ahead (inside the skew)', channel({ nbf: NOW + 299 })),
  ok('aud as a one-element array', channel({ aud: [APP_ID] })),
  ok('serviceUrl differing only by the trailing slash', channel(), { serviceUrl: SERVICE_URL.replace(/\/$/, '') }),
  ok('serviceUrl differing only in host case', channel(), { serviceUrl: 'https://SMBA.TrafficManager.NET/amer/' }),
  ok('a tenant named only in channelData', channel(), { conversation: { id: 'a:1' } }),
  ok('a key endorsed for several channels including msteams', channel({}, 'multi')),
  no(401, 'lifetime')('an expired token', channel({ nbf: NOW - 7200, exp: NOW - 3600 })),
  no(401, 'lifetime')('exp 5m01s ago (outside the skew)', channel({ nbf: NOW - 3600, exp: NOW - 301 })),
  no(401, 'lifetime')('nbf 5m01s ahead (outside the skew)', channel({ nbf: NOW + 301 })),
  no(401, 'lifetime')('nbf an hour in the future', channel({ nbf: NOW + 3600, exp: NOW + 7200 })),
  no(401, 'lifetime')('no exp claim', channel({ exp: undefined })),
  no(401, 'allowed-issuer')('a wrong issuer', channel({ iss: 'https://api.botframework.evil' })),
  no(401, 'allowed-issuer')('no issuer', channel({ iss: undefined })),
  no(401, 'allowed-issuer')('an Entra token sent to a multi-tenant registration', header(async () => bearer(await fx.entraToken()))),
  no(401, 'audience')('a wrong audience (the Bot Connector API)', channel({ aud: 'https://api.botframework.com' })),
  no(401, 'audience')('no audience', channel({ aud: undefined })),
  no(401, 'audience')("another bot's token", channel({ aud: OTHER_APP_ID })),
  no(401, 'audience')('an audience array naming another bot too', channel({ aud: [APP_ID, OTHER_APP_ID] })),
  no(401, 'signing-algorithm')('alg none', header(() => bearer(unsecuredToken(teamsKid(), channelClaims(T0))))),
  no(401, 'signing-algorithm')('HS256 keyed with the RSA public key PEM', header(async () =>
    bearer(await signHs256WithPublicKey(fx.keys.teams, channelClaims(T0))))),
  no(401, 'signing-algorithm')('an RS384 header on an RS256-signed token', header(async () =>
    bearer(withHeader(await fx.channelToken(), { alg: 'RS384', typ: 'JWT', kid: teamsKid() })))),
  no(401, 'signing-algorithm')('a PS256-signed token', header(async () =>
    bearer(await signTokenWith('PS256', fx.keys.teams, channelClaims(T0))))),
  no(401, 'signature')('an RS384 signature under an RS256 header', header(async () => {
    const rs384 = await signTokenWith('RS384', fx.keys.teams, channelClaims(T0));
    return bearer(withHeader(rs384, { alg: 'RS256', typ: 'JWT', kid: teamsKid() }));
  })),
  no(401, 'signature')('an unpublished key signing under a published kid', header(async () =>
    bearer(await signToken(fx.keys.unpublished, channelClaims(T0), { kid: teamsKid() })))),
  no(401, 'signature')('claims changed after signing', header(async () =>
    bearer(withPayload(await fx.channelToken({ aud: OTHER_APP_ID }), channelClaims(T0))))),
  no(401, 'signing-algorithm')('no kid in the header', header(async () =>
    bearer(withHeader(await fx.channelToken(), { alg: 'RS256', typ: 'JWT' })))),
  no(401, 'signing-key')('an unknown kid', channel({}, 'unpublished')),
  no(403, 'endorsement')('a key without the msteams endorsement', channel({}, 'webchatOnly')),
  no(403, 'endorsement')('a key with no endorsements at all', channel({}, 'bare')),
  no(403, 'teams-channel')('channelId webchat, endorsed by the key', channel({}, 'multi'), { channelId: 'webchat' }),
  no(403, 'teams-channel')('no channelId', channel(), { channelId: undefined }),
  no(403, 'service-url')('a serviceUrl other than the claim', channel(), { serviceUrl: 'https://evil.example.com/amer/' }),
  no(403, 'service-url')('no serviceurl claim', channel({ serviceurl: undefined })),
  no(403, 'service-url')('a serviceUrl path differing in case', channel(), { serviceUrl: 'https://smba.trafficmanager.net/AMER/' }),
  no(403, 'allowed-tenant')('a tenant not allowed', channel(), otherTenant),
  no(403, 'allowed-tenant')('no tenant while tenants are restricted', channel(), { conversation: { id: 'a:1' }, channelData: {} }),
  no(403, 'tenant-agreement')('tenant fields disagreeing', channel(), { channelData: { tenant: { id: OTHER_TENANT_ID } } }),
  no(401, 'bearer-token')('a lowercase bearer scheme', header(async () => `bearer ${await fx.channelToken()}`)),
  no(401, 'bearer-token')('two Authorization headers', header(async () => {
    const token = bearer(await fx.channelToken());
    return [token, token];
  })),
  no(401, 'bearer-token')('an empty Authorization header', header(() => '')),
  no(401, 'bearer-token')('no Authorization header', header(() => undefined)),
  no(401, 'bearer-token')('a Basic scheme', header(async () => `Basic ${await fx.channelToken()}`)),
];

describe('InboundTokenVerifier token matrix (multi-tenant registration)', () => {
  it('has at least 30 cases', () => {
    expect(matrix.length).toBeGreaterThanOrEqual(30);
  });

  for (const { name, authorization, activity, expected } of matrix) {
    const verdict = 'accepted' in expected ? 'accepted' : `${expected.status} ${expected.check}`;
    it(`${name} → ${verdict}`, async () => {
      const verifier = new InboundTokenVerifier(fx.options());
      expect(await outcome(verifier, await authorization(), teamsActivity(activity))).toEqual(expected);
    });
  }

  it('checks the issuer before any key lookup', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    expect(await outcome(verifier, bearer(await fx.entraToken()))).toEqual(refused(401, 'allowed-issuer'));
    expect(fx.entra.requests).toEqual({ metadata: 0, jwks: 0 });
    expect(fx.channel.requests).toEqual({ metadata: 0, jwks: 0 });
  });

  it('returns the path, the frozen verified claims and the tenant', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    const caller = await verifier.verify({ authorization: bearer(await fx.channelToken()), activity: teamsActivity() });
    expect(caller).toMatchObject({ path: 'channel', tenantId: TENANT_ID, claims: { aud: APP_ID, serviceurl: SERVICE_URL } });
    expect(Object.isFrozen(caller.claims)).toBe(true);
  });
});

describe('InboundTokenVerifier in two steps: the token before the body is read, then the activity', () => {
  it('authenticates a token without any activity, and authorizes activities for it afterwards', async () => {
    const verifier = new InboundTokenVerifier(fx.options());
    const token = await verifier.authenticate(bearer(await fx.channelToken()));
    expect(token).toMatchObject({ path: 'channel', claims: { aud: APP_ID } });
    expect(verifier.authorize(token, teamsActivity())).toMatchObject({ path: 'channel', tenantId: TENANT_ID });
    expect(() => verifier.authorize(token, teamsActivity({ serviceUrl: 'https://evil.example.com/' }))).toThrow(
      expect.objectContaining({ status: 403, check: 'service-url' }),
    );
  });

  it.each([
    ['no token', undefined, 'bearer-token'],
    ['a token for another bot', 'other-bot', 'audience'],
  ] as const)('refuses %s with 401 before any activity is looked at', async (_name, kind, check) => {
    const verifier = new InboundTokenVerifier(fx.options());
    const authorization = kind === undefined ? undefined : bearer(await fx.channelToken({ aud: OTHER_APP_ID }));
    await expect(verifier.authenticate(authorization)).rejects.toMatchObject({ status: 401, check });
  });
});
