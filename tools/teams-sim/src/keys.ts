import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** An RS256 key pair the simulator signs with; only the public half is ever published. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/** A key id shaped like Microsoft's: the base64url of 20 bytes (an x5t thumbprint), 27 characters. */
export function randomKid(): string {
  return randomBytes(20).toString('base64url');
}

export async function createSigningKey(kid: string = randomKid()): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const { kty, n, e } = await exportJWK(publicKey);
  return { kid, privateKey, publicJwk: { kty, use: 'sig', kid, x5t: kid, n, e } };
}

/** Claims whose value is `undefined` are left out, so callers can remove a default claim. */
export function definedClaims(claims: Record<string, unknown>): JWTPayload {
  return Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
}

/**
 * Signs `claims` the way Microsoft's token services do: RS256 with `typ`, `kid` and `x5t` in the header.
 * `headerKid` lets tests forge a token whose header names a key other than the one that signed it.
 */
export async function signJwt(
  key: SigningKey,
  claims: Record<string, unknown>,
  headerKid: string = key.kid,
): Promise<string> {
  return new SignJWT(definedClaims(claims))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: headerKid, x5t: headerKid })
    .sign(key.privateKey);
}

export const nowInSeconds = (): number => Math.floor(Date.now() / 1000);
