/** The bot registration and trust settings (the gateway's `toMicrosoftConfig` fields of the same names). */
export interface InboundTokenOptions {
  /** MICROSOFT_APP_ID: the only accepted `aud`. */
  readonly appId: string;
  /** SingleTenant also accepts Entra tokens from `appTenantId` (rule 9). */
  readonly appType: 'MultiTenant' | 'SingleTenant';
  /** Required when appType is SingleTenant. */
  readonly appTenantId?: string | undefined;
  /** Bot Framework OpenID metadata (BOT_OPENID_METADATA_URL). */
  readonly openIdMetadataUrl: string;
  /** Bot Framework token issuer (BOT_TOKEN_ISSUER), e.g. https://api.botframework.com. */
  readonly tokenIssuer: string;
  /** Entra authority (AAD_AUTHORITY_HOST), e.g. https://login.microsoftonline.com. */
  readonly authorityHost: string;
  /** Host patterns an Entra-authenticated activity's serviceUrl must be on (`*.example.com` allowed). */
  readonly trustedServiceUrlHosts: readonly string[];
  /**
   * Entra path: the apps (`azp` of v2.0, `appid` of v1.0 tokens) whose tokens are accepted
   * (ALLOWED_CALLER_APP_IDS). Default: the bot's own `appId`, as for the Emulator's tokens.
   */
  readonly allowedCallerAppIds?: readonly string[] | undefined;
  /** Tenants whose activities are accepted; empty = any. */
  readonly allowedTenantIds: readonly string[];
  /** Epoch milliseconds; defaults to Date.now. */
  readonly now?: (() => number) | undefined;
  /** Verified tokens kept (LRU); default 10 000. */
  readonly verifiedTokenCacheSize?: number | undefined;
  /** Per metadata/JWKS request; default 5 000 ms. */
  readonly fetchTimeoutMs?: number | undefined;
}

export const DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;
export const DEFAULT_FETCH_TIMEOUT_MS = 5_000;
