import { createSigningKey, nowInSeconds, signJwt, type SigningKey } from '../keys.js';
import type { ChannelTokenOverrides } from '../teams-sim.types.js';

/** Issuer of tokens the Bot Framework channel sends to bots (Bot Connector authentication doc, step 4). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
const DEFAULT_LIFETIME_SECONDS = 3600;

export interface ChannelKey extends SigningKey {
  readonly endorsements: readonly string[];
}

/**
 * Two keys, as in the published JWKS: one endorsed for Teams (signs by default) and one endorsed only for
 * other channels, so tests can sign an msteams activity with a key that lacks the msteams endorsement.
 */
export async function createChannelKeys(): Promise<ChannelKey[]> {
  const [teams, others] = await Promise.all([createSigningKey(), createSigningKey()]);
  return [
    { ...teams, endorsements: ['msteams'] },
    { ...others, endorsements: ['directline', 'email', 'skype', 'slack', 'webchat', 'test'] },
  ];
}

export function channelJwks(keys: readonly ChannelKey[]) {
  return { keys: keys.map((key) => ({ ...key.publicJwk, endorsements: [...key.endorsements] })) };
}

export interface ChannelTokenDefaults {
  readonly appId: string;
  readonly serviceUrl: string;
}

/** A token as the channel puts it in `Authorization: Bearer` when it POSTs an activity to the bot. */
export async function mintChannelToken(
  keys: readonly ChannelKey[],
  defaults: ChannelTokenDefaults,
  overrides: ChannelTokenOverrides = {},
): Promise<string> {
  const [defaultKey] = keys;
  if (!defaultKey) throw new Error('teams-sim: no channel signing key');
  const signer = keys.find((key) => key.kid === overrides.kid) ?? defaultKey;
  const now = nowInSeconds();
  const nbf = now + (overrides.notBeforeSeconds ?? 0);
  const claims = {
    serviceurl: overrides.serviceUrl ?? defaults.serviceUrl,
    nbf,
    exp: now + (overrides.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS),
    iat: now,
    iss: overrides.issuer ?? BOT_FRAMEWORK_ISSUER,
    aud: overrides.audience ?? defaults.appId,
    ...overrides.claims,
  };
  return signJwt(signer, claims, overrides.kid ?? signer.kid);
}
