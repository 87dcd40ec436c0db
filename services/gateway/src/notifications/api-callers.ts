import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthError, type ApiTokenVerifier } from '@herald/bot-auth';
import type { ApiKeyEntry, RateLimit } from '@herald/config';
import { apiKeyId } from '@herald/contracts';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../problem-details.filter.js';
import { ENTRA_ROLE_SCOPES, type ApiPrincipal } from './api-principal.js';

/**
 * The callers of the notification API: `HERALD_API_KEYS` entries, kept only as SHA-256 digests
 * and compared in constant time, and Entra apps whose roles say what they may do. A caller is
 * known by its key's id (a digest prefix) or its app id, never by the key.
 */
export class ApiCallers {
  private readonly keys: readonly { digest: Buffer; principal: ApiPrincipal }[];

  constructor(
    entries: readonly ApiKeyEntry[],
    private readonly entra: ApiTokenVerifier | undefined,
    private readonly defaultRate: RateLimit | 'unlimited',
    private readonly logger: Logger,
  ) {
    this.keys = entries.map((entry) => ({
      digest: digest(entry.key),
      principal: { id: apiKeyId(entry.key), scopes: entry.scopes, tenants: entry.tenants, rate: entry.rate ?? defaultRate },
    }));
  }

  /** The caller of `Authorization: Bearer <key or access token>`; 401 / 403 / 503 problems otherwise. */
  async identify(request: FastifyRequest): Promise<ApiPrincipal> {
    const authorization = request.headers.authorization;
    const byKey = this.byKey(authorization);
    if (byKey) return byKey;
    if (this.entra && /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(authorization ?? '')) return this.byToken(this.entra, authorization);
    const problem = this.keys.length > 0 || this.entra ? 'missing or unknown API key or access token' : 'no API keys are configured (HERALD_API_KEYS)';
    throw new Problem(401, problem, { 'www-authenticate': 'Bearer' });
  }

  private byKey(authorization: string | undefined): ApiPrincipal | undefined {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (!match) return undefined;
    const presented = digest(match[1]!);
    let found: ApiPrincipal | undefined;
    for (const known of this.keys) if (timingSafeEqual(known.digest, presented)) found = known.principal;
    return found;
  }

  private async byToken(entra: ApiTokenVerifier, authorization: string | undefined): Promise<ApiPrincipal> {
    try {
      const caller = await entra.verify(authorization);
      const scopes = [...new Set(caller.roles.flatMap((role) => ENTRA_ROLE_SCOPES[role] ?? []))];
      return { id: `app-${caller.appId}`, scopes, tenants: '*', rate: this.defaultRate };
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      this.logger.warn({ check: error.check, status: error.status }, 'API call refused');
      throw new Problem(error.status, error.message, error.status === 503 ? { 'retry-after': '10' } : { 'www-authenticate': 'Bearer' });
    }
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
