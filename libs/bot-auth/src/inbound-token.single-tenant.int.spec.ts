import { describe, expect, it } from 'vitest';
import { InboundTokenVerifier } from './inbound-token.verifier.js';
import {
  APP_ID,
  entraClaims,
  OTHER_APP_ID,
  OTHER_TENANT_ID,
  signToken,
  teamsActivity,
  TENANT_ID,
} from './test-tokens.spec-helpers.js';
import { bearer, outcome, refused, useVerifierFixture } from './verifier-fixture.spec-helpers.js';

const fx = useVerifierFixture();
const singleTenant = () => new InboundTokenVerifier(fx.options({ appType: 'SingleTenant', appTenantId: TENANT_ID }));
const untrusted = teamsActivity({ serviceUrl: 'https://bot-proxy.example.com/amer/' });

describe('InboundTokenVerifier for a single-tenant registration', () => {
  it('accepts an Entra v2.0 token of the app tenant when the serviceUrl host is trusted', async () => {
    const verifier = singleTenant();
    const caller = await verifier.verify({ authorization: bearer(await fx.entraToken()), activity: teamsActivity() });
    expect(caller).toMatchObject({ path: 'entra', tenantId: TENANT_ID, claims: { aud: APP_ID, tid: TENANT_ID } });
    expect(fx.entra.requests).toEqual({ metadata: 1, jwks: 1 });
    expect(fx.channel.requests).toEqual({ metadata: 0, jwks: 0 });
  });

  it('accepts an Entra v1.0 token (sts.windows.net issuer) of the app tenant', async () => {
    const token = await fx.entraToken({ iss: `https://sts.windows.net/${TENANT_ID}/`, ver: '1.0', azp: undefined, appid: APP_ID });
    expect(await outcome(singleTenant(), bearer(token))).toEqual({ accepted: 'entra' });
  });

  it.each([
    ['obtained by another app of the tenant (v2.0 azp)', { azp: OTHER_APP_ID }],
    ['obtained by another app of the tenant (v1.0 appid)', { iss: `https://sts.windows.net/${TENANT_ID}/`, ver: '1.0', azp: undefined, appid: OTHER_APP_ID }],
    ['naming no calling app', { azp: undefined }],
    ['without a token version', { ver: undefined }],
  ])('refuses an app-tenant Entra token %s with 401, before looking at the activity', async (_name, claims) => {
    const activity = teamsActivity({ conversation: { id: 'a:1', tenantId: TENANT_ID }, text: 'forged card action' });
    expect(await outcome(singleTenant(), bearer(await fx.entraToken(claims)), activity)).toEqual(refused(401, 'allowed-caller'));
  });

  it('still refuses an activity of the token tenant when ALLOWED_TENANT_IDS does not list it', async () => {
    const verifier = new InboundTokenVerifier(fx.options({ appType: 'SingleTenant', appTenantId: TENANT_ID, allowedTenantIds: [OTHER_TENANT_ID] }));
    expect(await outcome(verifier, bearer(await fx.entraToken()))).toEqual(refused(403, 'allowed-tenant'));
  });

  it('accepts the callers ALLOWED_CALLER_APP_IDS lists instead of the default', async () => {
    const verifier = new InboundTokenVerifier(fx.options({ appType: 'SingleTenant', appTenantId: TENANT_ID, allowedCallerAppIds: [OTHER_APP_ID] }));
    expect(await outcome(verifier, bearer(await fx.entraToken({ azp: OTHER_APP_ID })))).toEqual({ accepted: 'entra' });
    expect(await outcome(verifier, bearer(await fx.entraToken({ azp: APP_ID })))).toEqual(refused(401, 'allowed-caller'));
  });

  it.each([
    ['of another tenant', { conversation: { id: 'a:1', tenantId: OTHER_TENANT_ID }, channelData: { tenant: { id: OTHER_TENANT_ID } } }],
    ['naming no tenant', { conversation: { id: 'a:1' }, channelData: {} }],
  ])("refuses with 403 an activity %s (not the Entra token's tenant), even when any tenant is allowed", async (_name, overrides) => {
    const verifier = new InboundTokenVerifier(fx.options({ appType: 'SingleTenant', appTenantId: TENANT_ID, allowedTenantIds: [] }));
    expect(await outcome(verifier, bearer(await fx.entraToken()), teamsActivity(overrides))).toEqual(refused(403, 'token-tenant'));
  });

  it('still accepts Bot Framework channel tokens', async () => {
    expect(await outcome(singleTenant(), bearer(await fx.channelToken()))).toEqual({ accepted: 'channel' });
  });

  it.each([
    ['an untrusted serviceUrl host', {}, untrusted, refused(403, 'trusted-service-url')],
    [
      'a serviceurl claim that does not match',
      { serviceurl: 'https://smba.trafficmanager.net/emea/' },
      teamsActivity(),
      refused(403, 'service-url'),
    ],
    ['a channel other than msteams', {}, teamsActivity({ channelId: 'webchat' }), refused(403, 'teams-channel')],
    [
      "an activity of another tenant than the token's",
      {},
      teamsActivity({ conversation: { id: 'a:1', tenantId: OTHER_TENANT_ID }, channelData: {} }),
      refused(403, 'token-tenant'),
    ],
    ['another audience', { aud: OTHER_APP_ID }, teamsActivity(), refused(401, 'audience')],
    ['a tid other than the issuer tenant', { tid: OTHER_TENANT_ID }, teamsActivity(), refused(401, 'entra-tenant')],
  ])('refuses an app-tenant Entra token with %s', async (_name, claims, activity, expected) => {
    expect(await outcome(singleTenant(), bearer(await fx.entraToken(claims)), activity)).toEqual(expected);
  });

  it("refuses another tenant's Entra token with 401 before any key lookup", async () => {
    expect(await outcome(singleTenant(), bearer(await fx.entraToken({}, OTHER_TENANT_ID)))).toEqual(refused(401, 'allowed-issuer'));
    expect(fx.entra.requests).toEqual({ metadata: 0, jwks: 0 });
  });

  it('refuses an Entra-issued token signed with a key the tenant does not publish', async () => {
    const forged = await signToken(fx.keys.teams, entraClaims(fx.now, TENANT_ID));
    expect(await outcome(singleTenant(), bearer(forged))).toEqual(refused(401, 'signing-key'));
  });

  it("answers 503 while the tenant's OpenID metadata is down", async () => {
    fx.entra.failing = 'metadata';
    expect(await outcome(singleTenant(), bearer(await fx.entraToken()))).toEqual(refused(503, 'signing-keys-unavailable'));
  });

  it('refuses to start without appTenantId', () => {
    expect(() => new InboundTokenVerifier(fx.options({ appType: 'SingleTenant' }))).toThrow(/appTenantId/);
  });
});

describe('InboundTokenVerifier for a multi-tenant registration', () => {
  it('refuses Entra tokens, even of the app tenant', async () => {
    const verifier = new InboundTokenVerifier(fx.options({ appTenantId: TENANT_ID }));
    expect(await outcome(verifier, bearer(await fx.entraToken()))).toEqual(refused(401, 'allowed-issuer'));
  });
});
