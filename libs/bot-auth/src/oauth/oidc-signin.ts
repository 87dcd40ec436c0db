import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import passportAzureAd from 'passport-azure-ad';

/** The account a person signed in with in the browser, from the validated id_token. */
export interface OidcAccount {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly upn: string;
  readonly displayName: string;
}

export interface OidcSigninOptions {
  /** https only (passport-azure-ad refuses anything else), e.g. https://login.microsoftonline.com. */
  readonly authorityHost: string;
  readonly appId: string;
  readonly appPassword: string;
  /** Herald's `/auth/callback`, as registered on the Entra app. */
  readonly redirectUrl: string;
  /** Signs (HMAC-SHA256) the cookie that keeps passport's state and nonce between start and callback. */
  readonly cookieSecret: string;
}

/** What the browser is answered: a redirect to Entra, or the outcome of the callback; with the cookies to set either way. */
export type OidcOutcome =
  | { kind: 'redirect'; url: string; setCookies: string[] }
  /** `graphToken`: the code's access token (`User.Read`), to read the profile once; kept nowhere. */
  | { kind: 'signedIn'; account: OidcAccount; graphToken: string; setCookies: string[] }
  | { kind: 'failed'; reason: string; setCookies: string[] };

/** The part of an HTTP request passport reads. */
export interface BrowserRequest {
  readonly query: Record<string, string | undefined>;
  readonly cookieHeader: string | undefined;
  readonly userAgent: string | undefined;
}

type Strategy = InstanceType<typeof passportAzureAd.OIDCStrategy>;
type Attempt = Strategy & {
  redirect(url: string): void;
  success(user: unknown): void;
  fail(challenge?: unknown): void;
  error(error: Error): void;
  pass(): void;
};

/** The cookie that carries passport's session (state, nonce) from `/auth/start` to `/auth/callback`. */
const SESSION_COOKIE = 'herald-signin';
const SESSION_MAX_AGE_S = 600;

/**
 * The OAuth fallback's browser half, by passport-azure-ad's OIDCStrategy (authorization code flow,
 * nonce and state checked by it), with PKCE added through its extra query parameters. Passport's
 * session — its state and nonce, nothing secret — lives in a cookie signed with HMAC-SHA256, so
 * any replica can take the callback; passport's own encrypted cookies are not used (they reuse
 * one AES-GCM key and IV for every cookie). One strategy per tenant: the person signs in at their
 * own tenant, whose issuer is validated.
 */
export class OidcSignin {
  private readonly strategies = new Map<string, Strategy>();

  constructor(private readonly options: OidcSigninOptions) {}

  /** Sends the browser to Entra's authorize endpoint; `state` comes back to `callback` untouched. */
  start(request: BrowserRequest, state: string, tenantId: string, codeVerifier: string): Promise<OidcOutcome> {
    const challenge = createHash('sha256').update(codeVerifier).digest('base64url');
    return this.run(tenantId, request, { customState: state, extraAuthReqQueryParams: { code_challenge: challenge, code_challenge_method: 'S256' } });
  }

  /** Redeems the code (with the PKCE verifier) and validates the id_token: the account, or why not. */
  callback(request: BrowserRequest, tenantId: string, codeVerifier: string): Promise<OidcOutcome> {
    return this.run(tenantId, request, { extraTokenReqQueryParams: { code_verifier: codeVerifier } });
  }

  private run(tenantId: string, request: BrowserRequest, options: Record<string, unknown>): Promise<OidcOutcome> {
    const setCookies: string[] = [];
    const req = { query: { ...request.query }, body: {}, session: this.readSession(request.cookieHeader), get: (header: string) => (header.toLowerCase() === 'user-agent' ? request.userAgent : undefined) };
    const response = {};
    return new Promise<OidcOutcome>((resolve) => {
      let strategy: Strategy;
      try {
        strategy = this.strategyOf(tenantId);
      } catch (error) {
        resolve({ kind: 'failed', reason: `sign-in is misconfigured: ${(error as Error).message}`, setCookies });
        return;
      }
      const attempt = Object.create(strategy) as Attempt;
      attempt.redirect = (url) => resolve({ kind: 'redirect', url, setCookies });
      attempt.success = (user) => resolve(accountOf(user, tenantId, setCookies));
      attempt.fail = (challenge) => resolve({ kind: 'failed', reason: reasonOf(challenge), setCookies });
      attempt.error = (error) => resolve({ kind: 'failed', reason: error.message, setCookies });
      attempt.pass = () => resolve({ kind: 'failed', reason: 'nothing to sign in with', setCookies });
      attempt.authenticate(req as never, { ...options, response, session: false });
    }).then((outcome) => ({ ...outcome, setCookies: [this.sessionCookie(req.session)] }));
  }

  /** Passport's session from the signed cookie; an empty one when there is none or it was tampered with. */
  private readSession(cookieHeader: string | undefined): Record<string, unknown> {
    const value = parseCookies(cookieHeader)[SESSION_COOKIE];
    const [payload, mac] = (value ?? '').split('.');
    if (!payload || !mac) return {};
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return {};
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  /** The session as a signed cookie (HttpOnly, Lax, Secure over https, 10 minutes), or its removal when empty. */
  private sessionCookie(session: Record<string, unknown>): string {
    const secure = this.options.redirectUrl.startsWith('https:') ? '; Secure' : '';
    if (Object.keys(session).length === 0) return `${SESSION_COOKIE}=; Path=/auth; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
    const payload = Buffer.from(JSON.stringify(session)).toString('base64url');
    return `${SESSION_COOKIE}=${payload}.${this.mac(payload)}; Path=/auth; Max-Age=${SESSION_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure}`;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.options.cookieSecret).update(payload).digest('base64url');
  }

  private strategyOf(tenantId: string): Strategy {
    let strategy = this.strategies.get(tenantId);
    if (strategy) return strategy;
    const { authorityHost, appId, appPassword, redirectUrl } = this.options;
    strategy = new passportAzureAd.OIDCStrategy(
      {
        identityMetadata: `${authorityHost.replace(/\/+$/, '')}/${tenantId}/v2.0/.well-known/openid-configuration`,
        clientID: appId,
        clientSecret: appPassword,
        responseType: 'code',
        responseMode: 'query',
        redirectUrl,
        allowHttpForRedirectUrl: new URL(redirectUrl).protocol === 'http:' && isLoopback(new URL(redirectUrl).hostname),
        validateIssuer: true,
        passReqToCallback: false,
        scope: ['profile', 'email', 'User.Read'],
        useCookieInsteadOfSession: false,
        nonceLifetime: 600,
        nonceMaxAmount: 5,
        loggingLevel: 'error',
        loggingNoPII: true,
      } as never,
      // This arity makes passport pass the tokens the code was redeemed for.
      (_iss: string, _sub: string, profile: unknown, accessToken: string, _refreshToken: string, done: (error: unknown, user?: unknown) => void) =>
        done(null, { profile, accessToken }),
    );
    this.strategies.set(tenantId, strategy);
    return strategy;
  }
}

function accountOf(user: unknown, tenantId: string, setCookies: string[]): OidcOutcome {
  const { profile, accessToken } = user as { profile: { oid?: string; displayName?: string; upn?: string; _json?: { tid?: string; preferred_username?: string; name?: string; upn?: string } }; accessToken?: string };
  const claims = profile._json ?? {};
  const upn = claims.preferred_username ?? claims.upn ?? profile.upn;
  if (!profile.oid || !upn) return { kind: 'failed', reason: 'the id_token names no account', setCookies };
  if (!accessToken) return { kind: 'failed', reason: 'Entra ID gave no access token for the profile', setCookies };
  if ((claims.tid ?? '').toLowerCase() !== tenantId.toLowerCase()) return { kind: 'failed', reason: 'the account is of another tenant', setCookies };
  return { kind: 'signedIn', account: { aadObjectId: profile.oid, tenantId: tenantId.toLowerCase(), upn, displayName: claims.name ?? profile.displayName ?? upn }, graphToken: accessToken, setCookies };
}

function reasonOf(challenge: unknown): string {
  if (typeof challenge === 'string') return challenge;
  if (challenge && typeof challenge === 'object' && 'message' in challenge) return String((challenge).message);
  return 'sign-in failed';
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return cookies;
}
