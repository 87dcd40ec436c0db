import { afterAll, beforeAll, beforeEach } from 'vitest';
import { AuthError, type AuthCheck } from './auth-error.js';
import type { InboundTokenOptions } from './inbound-token.options.js';
import type { InboundTokenVerifier } from './inbound-token.verifier.js';
import { FakeOpenIdProvider } from './openid-provider.spec-helpers.js';
import {
  APP_ID,
  channelClaims,
  CHANNEL_ISSUER,
  createTestKey,
  entraClaims,
  signToken,
  T0,
  teamsActivity,
  TENANT_ID,
  type TestKey,
} from './test-tokens.spec-helpers.js';

type KeyName = 'teams' | 'webchatOnly' | 'bare' | 'multi' | 'unpublished' | 'entra';

/**
 * Two local OpenID providers (Bot Framework channel and the app tenant's Entra authority), the keys
 * they publish, and a clock the test moves. Registers its own vitest hooks; state resets before each test.
 */
export interface VerifierFixture {
  channel: FakeOpenIdProvider;
  entra: FakeOpenIdProvider;
  keys: Record<KeyName, TestKey>;
  /** Epoch ms the verifier sees; starts at T0 in every test. */
  now: number;
  options(overrides?: Partial<InboundTokenOptions>): InboundTokenOptions;
  channelToken(overrides?: Record<string, unknown>, key?: TestKey): Promise<string>;
  entraToken(overrides?: Record<string, unknown>, tenantId?: string): Promise<string>;
}

export function useVerifierFixture(): VerifierFixture {
  const fixture = { now: T0 } as VerifierFixture;
  fixture.options = (overrides = {}) => ({
    appId: APP_ID,
    appType: 'MultiTenant',
    openIdMetadataUrl: fixture.channel.metadataUrl,
    tokenIssuer: CHANNEL_ISSUER,
    authorityHost: fixture.entra.baseUrl,
    trustedServiceUrlHosts: ['smba.trafficmanager.net'],
    allowedTenantIds: [TENANT_ID],
    now: () => fixture.now,
    fetchTimeoutMs: 2_000,
    ...overrides,
  });
  fixture.channelToken = (overrides = {}, key = fixture.keys.teams) => signToken(key, channelClaims(fixture.now, overrides));
  fixture.entraToken = (overrides = {}, tenantId = TENANT_ID) =>
    signToken(fixture.keys.entra, entraClaims(fixture.now, tenantId, overrides));

  beforeAll(async () => {
    fixture.channel = await FakeOpenIdProvider.start('/v1/.well-known/openidconfiguration');
    fixture.entra = await FakeOpenIdProvider.start(`/${TENANT_ID}/v2.0/.well-known/openid-configuration`);
    const [teams, webchatOnly, bare, multi, unpublished, entra] = await Promise.all([
      createTestKey({ endorsements: ['msteams'] }),
      createTestKey({ endorsements: ['webchat', 'directline'] }),
      createTestKey({ endorsements: null }),
      createTestKey({ endorsements: ['skype', 'msteams', 'webchat'] }),
      createTestKey(),
      createTestKey({ endorsements: null }),
    ]);
    fixture.keys = { teams, webchatOnly, bare, multi, unpublished, entra };
  });
  afterAll(() => Promise.all([fixture.channel.stop(), fixture.entra.stop()]));
  beforeEach(() => {
    fixture.now = T0;
    fixture.channel.reset();
    fixture.entra.reset();
    fixture.channel.publish(fixture.keys.teams, fixture.keys.webchatOnly, fixture.keys.bare, fixture.keys.multi);
    fixture.entra.publish(fixture.keys.entra);
  });
  return fixture;
}

export const bearer = (token: string) => `Bearer ${token}`;
export const seconds = (ms: number) => Math.floor(ms / 1000);
export const refused = (status: 401 | 403 | 503, check: AuthCheck) => ({ status, check });

/** `{ accepted: path }` or `{ status, check }`, so a table can state either. */
export async function outcome(
  verifier: InboundTokenVerifier,
  authorization: string | string[] | undefined,
  activity: ReturnType<typeof teamsActivity> = teamsActivity(),
) {
  try {
    const caller = await verifier.verify({ authorization, activity });
    return { accepted: caller.path };
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return { status: error.status, check: error.check };
  }
}
