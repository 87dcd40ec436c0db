import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

export interface ConsoleEntraOptions {
  /** e.g. https://login.microsoftonline.com (http only for loopback hosts, checked by the config). */
  readonly authorityHost: string;
  /** The tenant of a single-tenant app, else `organizations`: people sign in at their own tenant. */
  readonly authority: string;
  readonly appId: string;
  readonly appPassword: string;
  /** `{AUTH_PUBLIC_URL}/auth/console/callback`, registered on the Entra app. */
  readonly redirectUrl: string;
  /** Herald's delegated API scope, e.g. `api://botid-{appId}/access_as_user`: the token is for Herald's API. */
  readonly apiScope: string;
  /** Tenants whose people may sign in; empty: any. */
  readonly allowedTenantIds: readonly string[];
}

/** What the code was redeemed for, or why not (`consent`: the person or their admin has not consented). */
export type Redeemed =
  | { readonly kind: 'signedIn'; readonly accessToken: string; readonly expiresIn: number; readonly tenantId: string }
  | { readonly kind: 'refused'; readonly reason: 'consent' | 'entra' | 'account'; readonly detail: string };

/** Microsoft's libraries allow five minutes of clock skew. */
const CLOCK_SKEW_SECONDS = 300;
const CONSENT_CODES = [65001, 65004, 650056, 90094];

/**
 * Entra's OpenID Connect authorization code flow (with PKCE S256 and a nonce) for the console: the
 * authorize URL, then the code redeemed at the token endpoint for an access token to Herald's API and
 * an id_token that is validated (the tenant's keys, issuer, audience = the app, nonce, lifetime).
 */
export class ConsoleEntraClient {
  private readonly keys = new Map<string, JWTVerifyGetKey>();
  private readonly host: string;

  constructor(private readonly options: ConsoleEntraOptions) {
    this.host = options.authorityHost.replace(/\/+$/, '');
  }

  get scope(): string {
    return `openid profile offline_access ${this.options.apiScope}`;
  }

  authorizeUrl(request: { state: string; nonce: string; codeChallenge: string; loginHint?: string | undefined }): string {
    const query = new URLSearchParams({
      client_id: this.options.appId,
      response_type: 'code',
      redirect_uri: this.options.redirectUrl,
      response_mode: 'query',
      scope: this.scope,
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      ...(request.loginHint ? { login_hint: request.loginHint } : {}),
    });
    return `${this.host}/${this.options.authority}/oauth2/v2.0/authorize?${query.toString()}`;
  }

  /** What the code was redeemed for; throws when Entra (its token endpoint or the tenant's keys) cannot be reached. */
  async redeem(code: string, codeVerifier: string, nonce: string): Promise<Redeemed> {
    const response = await fetch(`${this.host}/${this.options.authority}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: this.options.appId,
        client_secret: this.options.appPassword,
        code,
        redirect_uri: this.options.redirectUrl,
        code_verifier: codeVerifier,
        scope: this.scope,
      }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) return refusalOf(body);
    const { access_token: accessToken, id_token: idToken, expires_in: expiresIn } = body;
    if (typeof accessToken !== 'string' || typeof idToken !== 'string') return { kind: 'refused', reason: 'entra', detail: 'Entra ID answered without tokens' };
    const tenantId = await this.verifiedTenant(idToken, nonce);
    if (typeof tenantId !== 'string') return tenantId;
    return { kind: 'signedIn', accessToken, expiresIn: Number(expiresIn) || 3_599, tenantId };
  }

  /** The id_token's tenant, once the token is Entra's for this app and this sign-in, and the tenant may sign in. */
  private async verifiedTenant(idToken: string, nonce: string): Promise<string | Redeemed> {
    const refused = (detail: string): Redeemed => ({ kind: 'refused', reason: 'account', detail });
    let tid: unknown;
    try {
      tid = decodeJwt(idToken)['tid'];
    } catch {
      return refused('the id_token is not a JWT');
    }
    if (typeof tid !== 'string' || !/^[0-9a-f-]{36}$/i.test(tid)) return refused('the id_token names no tenant');
    const tenantId = tid.toLowerCase();
    const { authority, allowedTenantIds } = this.options;
    if (authority !== 'organizations' && authority.toLowerCase() !== tenantId) return refused('the account is of another tenant');
    if (allowedTenantIds.length > 0 && !allowedTenantIds.some((id) => id.toLowerCase() === tenantId)) return refused('the tenant is not allowed to use Herald');
    try {
      const { payload } = await jwtVerify(idToken, this.keysOf(tenantId), {
        algorithms: ['RS256'],
        issuer: [`https://login.microsoftonline.com/${tenantId}/v2.0`, `${this.host}/${tenantId}/v2.0`],
        audience: this.options.appId,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'iat', 'oid', 'nonce'],
      });
      return payload['nonce'] === nonce ? tenantId : refused('the id_token is of another sign-in (nonce)');
    } catch (error) {
      // The tenant's keys could not be read: not the person's fault, the caller answers 503.
      if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) throw error;
      return refused(`the id_token is not valid: ${error.message}`);
    }
  }

  private keysOf(tenantId: string): JWTVerifyGetKey {
    let keys = this.keys.get(tenantId);
    if (!keys) {
      keys = createRemoteJWKSet(new URL(`${this.host}/${tenantId}/discovery/v2.0/keys`));
      this.keys.set(tenantId, keys);
    }
    return keys;
  }
}

/** Entra's error answer (`error`, `error_codes`), in what it means for the person. */
export function refusalOf(body: Record<string, unknown>): Redeemed {
  const codes = Array.isArray(body['error_codes']) ? (body['error_codes'] as unknown[]).filter((code): code is number => typeof code === 'number') : [];
  const error = typeof body['error'] === 'string' ? body['error'] : 'error';
  const detail = `${error}${codes.length ? ` (AADSTS${codes.join(', AADSTS')})` : ''}`;
  const consent = error === 'consent_required' || codes.some((code) => CONSENT_CODES.includes(code));
  return { kind: 'refused', reason: consent ? 'consent' : 'entra', detail };
}
