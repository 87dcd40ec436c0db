import { decodeProtectedHeader } from 'jose';
import { AuthError } from '../auth-error.js';

/** The only algorithm Bot Framework and Entra sign with (OpenID metadata `id_token_signing_alg_values_supported`). */
export const SIGNING_ALGORITHM = 'RS256';

/**
 * Rule 4, before any key lookup: the header names RS256 and a key id. Refuses `none`, HS256/384/512 (an RSA
 * public key used as an HMAC secret), PS256, RS384 and anything else a forger might put there.
 */
export function checkSigningAlgorithm(token: string): { readonly kid: string } {
  const header = readHeader(token);
  if (header.alg !== SIGNING_ALGORITHM) {
    throw new AuthError(401, 'signing-algorithm', `signing algorithm ${String(header.alg)} is not ${SIGNING_ALGORITHM}`);
  }
  if (typeof header.kid !== 'string' || header.kid === '') {
    throw new AuthError(401, 'signing-algorithm', 'the token header names no key id');
  }
  return { kid: header.kid };
}

function readHeader(token: string) {
  try {
    return decodeProtectedHeader(token);
  } catch {
    throw new AuthError(401, 'signing-algorithm', 'the token header is not readable');
  }
}
