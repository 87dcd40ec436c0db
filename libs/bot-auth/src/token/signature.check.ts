import { compactVerify, decodeJwt, type CryptoKey, type JWTPayload } from 'jose';
import { AuthError } from '../auth-error.js';
import { SIGNING_ALGORITHM } from './signing-algorithm.check.js';

/**
 * Rule 3/4: the JWS signature verifies with the published RSA key, RS256 only (jose also refuses
 * RSA keys under 2048 bits). Returns the claims, which are trustworthy only after this.
 */
export async function verifySignature(token: string, key: CryptoKey): Promise<JWTPayload> {
  try {
    await compactVerify(token, key, { algorithms: [SIGNING_ALGORITHM] });
    return decodeJwt(token);
  } catch {
    throw new AuthError(401, 'signature', 'the token signature does not verify');
  }
}
