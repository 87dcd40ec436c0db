import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Who a valid single sign-on token says the person is. */
export interface SsoIdentity {
  readonly aadObjectId: string;
  readonly tenantId: string;
}

export interface SsoTokenOptions {
  /** e.g. https://login.microsoftonline.com: each tenant's keys are under `{host}/{tid}/`. */
  readonly authorityHost: string;
  /** The bot's app id and its Application ID URI: the token's `aud` must be one of them. */
  readonly appId: string;
  readonly resourceUri: string;
  /** Tenants whose people may sign in; empty: any. */
  readonly allowedTenantIds: readonly string[];
}

/** Why a token was refused, in words the person's admin can act on (Teams shows the sign-in button instead). */
export class SsoTokenRefused extends Error {}

/** Microsoft's libraries allow five minutes of clock skew. */
const CLOCK_SKEW_SECONDS = 300;

/**
 * Single sign-on tokens Teams obtained for Herald on the person's behalf: Entra-issued for the
 * activity's tenant (and an allowed one), signed with that tenant's published keys, for Herald's
 * app id or Application ID URI, in their lifetime, and delegated (a person's, not an app's).
 */
export class SsoTokenVerifier {
  private readonly keys = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly options: SsoTokenOptions) {}

  async verify(token: string, activityTenantId: string | undefined): Promise<SsoIdentity> {
    const tenantId = this.tenantOf(token);
    if (!activityTenantId || tenantId !== activityTenantId.toLowerCase()) throw new SsoTokenRefused('the token was issued in another tenant than the conversation');
    const allowed = this.options.allowedTenantIds;
    if (allowed.length > 0 && !allowed.some((id) => id.toLowerCase() === tenantId)) throw new SsoTokenRefused('the tenant is not allowed to use Herald');
    const claims = await this.verified(token, tenantId);
    if (typeof claims['oid'] !== 'string' || typeof claims['scp'] !== 'string') throw new SsoTokenRefused('the token is not a delegated token of a person');
    return { aadObjectId: claims['oid'], tenantId };
  }

  private tenantOf(token: string): string {
    let tid: unknown;
    try {
      tid = decodeJwt(token)['tid'];
    } catch {
      throw new SsoTokenRefused('the token is not a JWT');
    }
    if (typeof tid !== 'string' || !/^[0-9a-f-]{36}$/i.test(tid)) throw new SsoTokenRefused('the token names no tenant');
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
      throw new SsoTokenRefused(reasonOf(error));
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
