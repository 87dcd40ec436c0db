import passportAzureAd from 'passport-azure-ad';
import { AuthError } from './auth-error.js';

/** An app calling Herald's API with an Entra access token, as far as the token says. */
export interface ApiCaller {
  /** The calling app's client id (`azp`, or `appid` in v1.0 tokens). */
  appId: string;
  tenantId: string;
  roles: readonly string[];
}

export interface ApiTokenOptions {
  /** https only (passport-azure-ad refuses anything else), e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  /** The organisation's tenant: only its tokens are accepted (issuer from its metadata). */
  tenantId: string;
  /** Herald's app id: tokens must be for it (`aud` = app id or `api://<app id>`). */
  appId: string;
  /** The app roles that let a caller in (`roles` claim), e.g. `Notifications.Send`; what each allows is the API's business. */
  acceptedRoles: readonly string[];
}

type Claims = { azp?: string; appid?: string; tid?: string; roles?: string[] };

/**
 * The caller a validated token names: its app (`azp`, or `appid` in v1.0 tokens) holding at least
 * one of the accepted roles. A token naming no app is refused (401), never pooled under a shared id.
 */
export function apiCallerOf(claims: Claims, options: Pick<ApiTokenOptions, 'tenantId' | 'acceptedRoles'>): ApiCaller {
  const appId = claims.azp ?? claims.appid;
  if (!appId) throw new AuthError(401, 'api-token', 'the access token names no calling app (azp or appid)');
  const roles = claims.roles ?? [];
  if (!roles.some((role) => options.acceptedRoles.includes(role))) {
    throw new AuthError(403, 'api-role', `the calling app holds none of the app roles ${options.acceptedRoles.join(', ')}`);
  }
  return { appId, tenantId: claims.tid ?? options.tenantId, roles };
}

/**
 * Entra access tokens on the notification API, validated by passport-azure-ad's BearerStrategy
 * (signature against the tenant's published keys, issuer, audience, lifetime), then the app role.
 * The strategy runs on its own, without passport's middleware: one call per request.
 */
export class ApiTokenVerifier {
  private readonly strategy: InstanceType<typeof passportAzureAd.BearerStrategy>;

  constructor(private readonly options: ApiTokenOptions) {
    this.strategy = new passportAzureAd.BearerStrategy(
      {
        identityMetadata: `${options.authorityHost.replace(/\/+$/, '')}/${options.tenantId}/v2.0/.well-known/openid-configuration`,
        clientID: options.appId,
        audience: [options.appId, `api://${options.appId}`],
        validateIssuer: true,
        loggingLevel: 'error',
        loggingNoPII: true,
      },
      (token, done) => done(null, token, token),
    );
  }

  /** The caller, or an AuthError: 401 for a bad token or one naming no app, 403 for a good one without an accepted role. */
  async verify(authorization: string | undefined): Promise<ApiCaller> {
    return apiCallerOf(await this.authenticate(authorization), this.options);
  }

  private authenticate(authorization: string | undefined): Promise<Claims> {
    return new Promise((resolve, reject) => {
      const attempt = Object.create(this.strategy) as InstanceType<typeof passportAzureAd.BearerStrategy> & {
        success(user: unknown, info: unknown): void;
        fail(challenge?: unknown, status?: number): void;
        error(error: Error): void;
      };
      attempt.success = (_user, info) => resolve(info as Claims);
      attempt.fail = () => reject(new AuthError(401, 'api-token', 'the access token is not valid for this API'));
      attempt.error = (error) => reject(new AuthError(503, 'api-token', `cannot validate access tokens now: ${error.message}`));
      attempt.authenticate({ headers: { authorization }, body: {}, query: {} } as never, { session: false });
    });
  }
}
