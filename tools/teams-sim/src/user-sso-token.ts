import { issueUserSsoToken } from './entra/user-tokens.js';
import { CHAT_USER_AAD_OBJECT_ID } from './entra/user-directory.js';
import { createSigningKey } from './keys.js';
import type { SimState } from './sim-state.js';
import type { UserSsoTokenOptions } from './teams-sim.types.js';

const SSO_TOKEN_LIFETIME_SECONDS = 3_600;

/** The SSO token of a directory user for the bot, as the Teams client obtains it (defaults in UserSsoTokenOptions). */
export async function mintUserSsoToken(state: SimState, options: UserSsoTokenOptions = {}): Promise<string> {
  const user = state.users.get(options.aadObjectId ?? CHAT_USER_AAD_OBJECT_ID);
  const key = options.unknownKey ? await createSigningKey() : state.entraKey;
  return issueUserSsoToken(key, {
    user,
    tenantId: options.tenantId ?? user.tenantId,
    audience: options.audience ?? state.options.appId,
    version: options.version ?? '2.0',
    scp: options.scp ?? 'access_as_user',
    lifetimeSeconds: options.expiresInSeconds ?? SSO_TOKEN_LIFETIME_SECONDS,
    notBeforeSeconds: options.notBeforeSeconds ?? 0,
  });
}
