/** The named check that refused a request; logged by callers, asserted by tests. */
export type AuthCheck =
  | 'bearer-token'
  | 'allowed-issuer'
  | 'signing-algorithm'
  | 'signing-key'
  | 'signing-keys-unavailable'
  | 'signature'
  | 'audience'
  | 'lifetime'
  | 'entra-tenant'
  | 'allowed-caller'
  | 'teams-channel'
  | 'endorsement'
  | 'service-url'
  | 'trusted-service-url'
  | 'tenant-agreement'
  | 'token-tenant'
  | 'allowed-tenant'
  | 'api-token'
  | 'api-role';

/** Why an inbound request was refused: 401 (who are you?), 403 (not allowed), 503 (cannot check now). */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    readonly check: AuthCheck,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
