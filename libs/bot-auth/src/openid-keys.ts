import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth-error.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The signing keys behind an OpenID metadata document: metadata → `jwks_uri` → JWKS.
 * Keys are cached for 24 h; an unknown `kid` forces at most one refresh per minute (jose's cooldown).
 */
export class OpenIdKeys {
  private keySet: Promise<JWTVerifyGetKey> | undefined;

  constructor(private readonly metadataUrl: string) {}

  async getKey(...args: Parameters<JWTVerifyGetKey>) {
    const keySet = await this.load();
    return keySet(...args);
  }

  private load(): Promise<JWTVerifyGetKey> {
    this.keySet ??= this.fetchKeySet().catch((error: unknown) => {
      this.keySet = undefined;
      throw error;
    });
    return this.keySet;
  }

  private async fetchKeySet(): Promise<JWTVerifyGetKey> {
    let response: Response;
    try {
      response = await fetch(this.metadataUrl, { signal: AbortSignal.timeout(5_000) });
    } catch (error) {
      throw new AuthError(503, `OpenID metadata unreachable: ${(error as Error).message}`);
    }
    if (!response.ok) throw new AuthError(503, `OpenID metadata answered ${response.status}`);
    const metadata = (await response.json()) as { jwks_uri?: unknown };
    if (typeof metadata.jwks_uri !== 'string') throw new AuthError(503, 'OpenID metadata has no jwks_uri');
    return createRemoteJWKSet(new URL(metadata.jwks_uri), {
      cacheMaxAge: DAY_MS,
      cooldownDuration: 60_000,
      timeoutDuration: 5_000,
    });
  }
}
