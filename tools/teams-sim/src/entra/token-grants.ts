import type { SigningKey } from '../keys.js';
import type { AuthorizationCodes } from './authorization-codes.js';
import type { AppRegistration, TokenRequest } from './client-auth.js';
import type { EntraError } from './entra-errors.js';
import type { UserDirectory } from './user-directory.js';

/** What every grant of the token endpoint may use. */
export interface GrantDeps {
  readonly key: SigningKey;
  readonly app: AppRegistration;
  /** Lifetime of the access tokens issued, in seconds. */
  readonly lifetimeSeconds: number;
  readonly users: UserDirectory;
  /** The codes the authorize endpoint issued (shared by the http and https servers). */
  readonly codes: AuthorizationCodes;
}

/** A token endpoint answer: the JSON of a 200, or an Entra error. */
export type GrantOutcome = { ok: true; body: Record<string, unknown> } | { ok: false; failure: EntraError };

export type Grant = (request: TokenRequest, deps: GrantDeps) => Promise<GrantOutcome>;

export const grantFailed = (failure: EntraError): GrantOutcome => ({ ok: false, failure });

/** The success body of the token endpoint; `scope` and `id_token` where the grant gives them. */
export function tokenResponse(
  accessToken: string,
  lifetimeSeconds: number,
  extra: { scope?: string; idToken?: string } = {},
): GrantOutcome {
  return {
    ok: true,
    body: {
      token_type: 'Bearer',
      ...(extra.scope ? { scope: extra.scope } : {}),
      expires_in: lifetimeSeconds,
      ext_expires_in: lifetimeSeconds,
      access_token: accessToken,
      ...(extra.idToken ? { id_token: extra.idToken } : {}),
    },
  };
}
