import { importJWK, type CryptoKey } from 'jose';
import { SIGNING_ALGORITHM } from '../token/signing-algorithm.check.js';

/** A published verification key, with the channels it endorses (Bot Framework JWKS only). */
export interface SigningKey {
  readonly kid: string;
  readonly key: CryptoKey;
  readonly endorsements: readonly string[] | undefined;
}

/** RFC 7518 §3.3: RS256 keys are 2048 bits or larger (jose refuses smaller ones when verifying, too). */
const MIN_MODULUS_BITS = 2048;

type JwkFields = Record<string, unknown>;

/**
 * Rule 3/4: only RSA signature keys whose `alg` (when given) is RS256 and whose `kid` is set; every
 * other entry (EC, oct, encryption keys, RS384 keys) is ignored. Keys are imported with jose from
 * `n` and `e` alone; an entry jose cannot import, or with a modulus under 2048 bits, is skipped.
 * The first key with a given kid wins.
 */
export async function importSigningKeys(entries: readonly unknown[]): Promise<Map<string, SigningKey>> {
  const keys = new Map<string, SigningKey>();
  for (const entry of entries) {
    if (!isUsableSigningKey(entry) || keys.has(entry['kid'])) continue;
    const key = await importRsaKey(entry);
    if (key) keys.set(entry['kid'], { kid: entry['kid'], key, endorsements: endorsementsOf(entry) });
  }
  return keys;
}

/** Usable: kty RSA, n and e present, a kid, `alg` absent or RS256, `use` absent or `sig`. */
export function isUsableSigningKey(entry: unknown): entry is JwkFields & { kid: string; n: string; e: string } {
  if (typeof entry !== 'object' || entry === null) return false;
  const jwk = entry as JwkFields;
  return (
    jwk['kty'] === 'RSA' &&
    typeof jwk['n'] === 'string' &&
    typeof jwk['e'] === 'string' &&
    typeof jwk['kid'] === 'string' &&
    jwk['kid'] !== '' &&
    (jwk['alg'] === undefined || jwk['alg'] === SIGNING_ALGORITHM) &&
    (jwk['use'] === undefined || jwk['use'] === 'sig')
  );
}

async function importRsaKey(jwk: { n: string; e: string }): Promise<CryptoKey | undefined> {
  try {
    const key = await importJWK({ kty: 'RSA', n: jwk.n, e: jwk.e }, SIGNING_ALGORITHM);
    if (key instanceof Uint8Array) return undefined;
    const { modulusLength } = key.algorithm as { modulusLength?: number };
    return (modulusLength ?? 0) >= MIN_MODULUS_BITS ? key : undefined;
  } catch {
    return undefined;
  }
}

function endorsementsOf(jwk: JwkFields): readonly string[] | undefined {
  const value = jwk['endorsements'];
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string');
}
