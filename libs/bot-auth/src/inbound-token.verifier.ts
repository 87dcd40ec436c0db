import type { JWTPayload } from 'jose';
import { checkActivity } from './check-activity.js';
import {
  DEFAULT_FETCH_TIMEOUT_MS,
  DEFAULT_VERIFIED_TOKEN_CACHE_SIZE,
  type InboundTokenOptions,
} from './inbound-token.options.js';
import type { AuthenticatedActivity } from './request/authenticated-activity.js';
import { readBearerToken } from './token/bearer-token.check.js';
import { createTokenRoutes, type CallerPath, type TokenRoute } from './token-routes.js';
import { VerifiedTokenCache } from './verified-token.cache.js';
import { verifyToken, type VerifiedToken } from './verify-token.js';

export interface InboundRequest {
  /** The raw header value(s): a string, or Node's `headersDistinct.authorization` array. */
  readonly authorization: string | readonly string[] | undefined;
  readonly activity: AuthenticatedActivity;
}

export interface VerifiedCaller {
  readonly path: CallerPath;
  /** The verified token's claims (frozen). */
  readonly claims: Readonly<JWTPayload>;
  /** The activity's tenant (lower-cased), when it names one. */
  readonly tenantId: string | undefined;
}

/**
 * Authenticates an activity POSTed to the bot (Bot Connector authentication doc, "Authenticate
 * requests from the Bot Connector service to your bot"), in two steps so that an HTTP endpoint can
 * check the token before it reads or parses the body: `authenticate` (the token alone: 401, or 503
 * while keys are unavailable), then `authorize` (this activity for that token: 403). `verify` does both.
 * Refusals are AuthErrors: 401 bad or missing credentials, 403 authentic but forbidden, 503 keys unavailable.
 */
export class InboundTokenVerifier {
  private readonly routes: readonly TokenRoute[];
  private readonly cache: VerifiedTokenCache<VerifiedToken>;
  /** Verifications under way: simultaneous first uses of one token share one verification. */
  private readonly pending = new Map<string, Promise<VerifiedToken>>();
  private readonly now: () => number;
  private verifications = 0;

  constructor(private readonly options: InboundTokenOptions) {
    this.now = options.now ?? Date.now;
    this.routes = createTokenRoutes(options, this.now, options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS);
    this.cache = new VerifiedTokenCache(options.verifiedTokenCacheSize ?? DEFAULT_VERIFIED_TOKEN_CACHE_SIZE);
  }

  /** How many tokens went through signature and claim verification (cache misses); for tests and metrics. */
  get tokenVerifications(): number {
    return this.verifications;
  }

  async verify(request: InboundRequest): Promise<VerifiedCaller> {
    return this.authorize(await this.authenticate(request.authorization), request.activity);
  }

  /** Everything the token proves on its own (rules 1–5, 9's token part); needs no activity. */
  async authenticate(authorization: InboundRequest['authorization']): Promise<VerifiedToken> {
    const token = readBearerToken(authorization);
    return this.cache.get(token, this.now()) ?? (await this.verifyOnce(token));
  }

  /** Whether this authenticated caller may send this activity (rules 6–9's body part); 403 if not. */
  authorize(verified: VerifiedToken, activity: AuthenticatedActivity): VerifiedCaller {
    const tenantId = checkActivity(verified, activity, this.options);
    return { path: verified.path, claims: verified.claims, tenantId };
  }

  private verifyOnce(token: string): Promise<VerifiedToken> {
    let verification = this.pending.get(token);
    if (!verification) {
      verification = this.verifyAndRemember(token).finally(() => this.pending.delete(token));
      this.pending.set(token, verification);
    }
    return verification;
  }

  private async verifyAndRemember(token: string): Promise<VerifiedToken> {
    this.verifications += 1;
    const verified = await verifyToken(token, this.routes, {
      appId: this.options.appId,
      appTenantId: this.options.appTenantId,
      allowedCallerAppIds: this.options.allowedCallerAppIds ?? [this.options.appId],
      now: this.now,
    });
    this.cache.set(token, verified, verified.expiresAtMs);
    return verified;
  }
}
