import { createHash, timingSafeEqual } from 'node:crypto';
import { apiKeyId } from '@herald/contracts';

/**
 * The callers of the notification API: `HERALD_API_KEYS`, kept only as SHA-256 digests and
 * compared in constant time. A caller is known by its key's id (a digest prefix), never the key.
 */
export class ApiCallers {
  private readonly digests: readonly Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  get configured(): boolean {
    return this.digests.length > 0;
  }

  /** The caller id of `Authorization: Bearer <key>`, or undefined for a missing or unknown key. */
  identify(authorization: string | undefined): string | undefined {
    const match = /^Bearer (\S+)$/.exec(authorization ?? '');
    if (!match) return undefined;
    const presented = digest(match[1]!);
    let found: Buffer | undefined;
    for (const known of this.digests) if (timingSafeEqual(known, presented)) found = known;
    return found ? apiKeyId(match[1]!) : undefined;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}
