import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Who a valid token says the person is: their Entra object id and tenant, and, where the token names them, UPN and name. */
export interface UserIdentity {
  readonly aadObjectId: string;
  readonly tenantId: string;
  /** `preferred_username` (v2.0) or `upn` (v1.0). */
  readonly upn?: string;
  readonly name?: string;
}

export interface UserTokenOptions {
  /** e.g. https://login.microsoftonline.com: each tenant's keys are under `{host}/{tid}/`. */
  readonly authorityHost: string;
  /** The bot's app id and its Application ID URI: the token's `aud` must be one of them. */
  readonly appId: string;
  readonly resourceUri: string;
  /** Tenants whose people may sign in; empty: any. */
  readonly allowedTenantIds: readonly string[];
}

/** Why a token was refused, in words the person's admin can act on; `retryable` when the tenant's keys could not be read (not the token's fault). */
export class UserTokenRefused extends Error {
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/** Microsoft's libraries allow five minutes of clock skew. */
const CLOCK_SKEW_SECONDS = 300;

/**
 * Access tokens Entra issued to a person for Herald — the single sign-on tokens Teams obtains
 * (bot sign-in, the console tab) and the console's browser sign-in: Entra-issued for the token's
 * tenant (an allowed one), signed with that tenant's published keys, for Herald's app id or
 * Application ID URI, in their lifetime, and delegated (a person's, not an app's).
 */
export class UserTokenVerifier {
  private readonly keys = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly options: UserTokenOptions) {}

  /** A token of a conversation's person: refused unless issued in the conversation's tenant. */
  async verifyInConversation(token: string, conversationTenantId: string | undefined): Promise<UserIdentity> {
    const tenantId = this.tenantOf(token);
    if (!conversationTenantId || tenantId !== conversationTenantId.toLowerCase()) throw new UserTokenRefused('the token was issued in another tenant than the conversation');
    return this.verify(token);
  }

  async verify(token: string): Promise<UserIdentity> {
    const tenantId = this.tenantOf(token);
    const allowed = this.options.allowedTenantIds;
    if (allowed.length > 0 && !allowed.some((id) => id.toLowerCase() === tenantId)) throw new UserTokenRefused('the tenant is not allowed to use Herald');
    const claims = await this.verified(token, tenantId);
    if (typeof claims['oid'] !== 'string' || typeof claims['scp'] !== 'string') throw new UserTokenRefused('the token is not a delegated token of a person');
    const upn = stringClaim(claims, 'preferred_username') ?? stringClaim(claims, 'upn');
    const name = stringClaim(claims, 'name');
    return { aadObjectId: claims['oid'], tenantId, ...(upn ? { upn } : {}), ...(name ? { name } : {}) };
  }

  private tenantOf(token: string): string {
    let tid: unknown;
    try {
      tid = decodeJwt(token)['tid'];
    } catch {
      throw new UserTokenRefused('the token is not a JWT');
    }
    if (typeof tid !== 'string' || !/^[0-9a-f-]{36}$/i.test(tid)) throw new UserTokenRefused('the token names no tenant');
    return tid.toLowerCase();
  }

  private async verified(token: string, tenantId: string): Promise<JWTPayload> {
    const { appId, resourceUri } = this.options;
    try {
      const { payload } = await jwtVerify(token, this.keysOf(tenantId), {
        algorithms: ['RS256'],
        // v2.0 and v1.0 access tokens: Entra issues either, depending on the app's accessTokenAcceptedVersion.
        issuer: [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`, ...this.authorityIssuers(tenantId)],
        audience: [appId, resourceUri, `api://${appId}`],
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'iat', 'tid', 'oid'],
      });
      return payload;
    } catch (error) {
      throw new UserTokenRefused(reasonOf(error), isKeyOutage(error));
    }
  }

  /** The issuer of a sovereign cloud's authority (login.microsoftonline.us, …) besides the public cloud's. */
  private authorityIssuers(tenantId: string): string[] {
    const host = this.options.authorityHost.replace(/\/+$/, '');
    return host === 'https://login.microsoftonline.com' ? [] : [`${host}/${tenantId}/v2.0`];
  }

  private keysOf(tenantId: string): JWTVerifyGetKey {
    let keys = this.keys.get(tenantId);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(`${this.options.authorityHost.replace(/\/+$/, '')}/${tenantId}/discovery/v2.0/keys`), { timeoutDuration: 3_000, cooldownDuration: 30_000 });
      this.keys.set(tenantId, keys);
    }
    return keys;
  }
}

function stringClaim(claims: JWTPayload, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function isKeyOutage(error: unknown): boolean {
  return error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError);
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'the token is not for Herald (wrong audience)';
    if (error.claim === 'iss') return 'the token was not issued by Entra ID for this tenant';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token's ${error.claim} claim is not valid`;
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) return 'the token is not signed by Entra ID';
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) return "the tenant's signing keys cannot be read now";
  return 'the token is not valid';
}
