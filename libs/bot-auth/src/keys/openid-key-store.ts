import { AuthError } from '../auth-error.js';
import { fetchSigningKeys } from './fetch-signing-keys.js';
import type { SigningKey } from './import-signing-keys.js';

/** Keys are re-read once they are this old (botbuilder OpenIdMetadata: "more than 24 hours old, refresh them"). */
export const KEY_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** An unknown `kid` forces a refresh at most this often, so forged kids cannot hammer the metadata endpoint. */
export const FORCED_REFRESH_INTERVAL_MS = 60 * 1000;

export interface KeyStoreOptions {
  readonly metadataUrl: string;
  /** Epoch milliseconds; injected so tests can cross the 24 h and 1 min boundaries without sleeping. */
  readonly now: () => number;
  readonly fetchTimeoutMs: number;
}

/** The signing keys behind one OpenID metadata document, cached for 24 h; 503 when they cannot be fetched. */
export class OpenIdKeyStore {
  private keys = new Map<string, SigningKey>();
  private loadedAt: number | undefined;
  private lastForcedRefreshAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(private readonly options: KeyStoreOptions) {}

  /** Rule 3: the key named `kid`; an unknown kid forces one refresh (at most one a minute), then 401. */
  async getKey(kid: string): Promise<SigningKey> {
    const justLoaded = this.isStale();
    if (justLoaded) await this.refresh();
    const known = this.keys.get(kid);
    if (known) return known;
    if (!justLoaded && this.mayForceRefresh()) {
      this.lastForcedRefreshAt = this.options.now();
      await this.refresh();
      const fresh = this.keys.get(kid);
      if (fresh) return fresh;
    }
    throw new AuthError(401, 'signing-key', 'no published signing key has the token key id');
  }

  private isStale(): boolean {
    return this.loadedAt === undefined || this.options.now() - this.loadedAt >= KEY_MAX_AGE_MS;
  }

  private mayForceRefresh(): boolean {
    return this.options.now() - this.lastForcedRefreshAt >= FORCED_REFRESH_INTERVAL_MS;
  }

  /** One fetch at a time: concurrent callers share it. */
  private refresh(): Promise<void> {
    this.loading ??= fetchSigningKeys(this.options.metadataUrl, this.options.fetchTimeoutMs)
      .then((keys) => {
        this.keys = keys;
        this.loadedAt = this.options.now();
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
