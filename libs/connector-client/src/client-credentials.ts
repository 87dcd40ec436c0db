export interface ClientCredentialsOptions {
  /** AAD_AUTHORITY_HOST, e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** `botframework.com` for multi-tenant bots, the app's tenant id for single-tenant ones. */
  tenant: string;
  clientId: string;
  clientSecret: string;
  /** e.g. https://api.botframework.com/.default */
  scope: string;
  now?: () => number;
}

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/**
 * An Entra client-credentials token, cached until 5 minutes before it expires.
 * Concurrent callers share one token request.
 */
export class ClientCredentialsToken {
  private cached: { token: string; refreshAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ClientCredentialsOptions) {
    this.now = options.now ?? Date.now;
  }

  async get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return this.cached.token;
    this.pending ??= this.request().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async request(): Promise<string> {
    const { authorityHost, tenant, clientId, clientSecret, scope } = this.options;
    const response = await fetch(`${authorityHost}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope }),
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string };
    if (!response.ok || !body.access_token) throw new TokenEndpointError(response.ok ? 502 : response.status, body.error);
    const lifetimeMs = Number(body.expires_in ?? 3599) * 1000;
    this.cached = { token: body.access_token, refreshAt: this.now() + lifetimeMs - REFRESH_BEFORE_EXPIRY_MS };
    return body.access_token;
  }
}

/**
 * Entra's token endpoint refused (a 4xx: e.g. `invalid_request` for a tenant it does not know,
 * `unauthorized_client` for one that never consented to the app — no retry changes that) or
 * failed (5xx, or an answer without a token).
 */
export class TokenEndpointError extends Error {
  constructor(
    readonly status: number,
    readonly error: string | undefined,
  ) {
    super(`token endpoint answered ${status} ${error ?? ''}`.trim());
    this.name = 'TokenEndpointError';
  }

  /** A 4xx other than 429: the tenant or the app's registration, not the moment. */
  get refused(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}
