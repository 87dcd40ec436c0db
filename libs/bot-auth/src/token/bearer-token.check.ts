import { AuthError } from '../auth-error.js';

/**
 * `Bearer`, one space, then a compact JWS: three base64url segments. The signature may be empty,
 * so an `alg: none` token reaches its own named check.
 */
const BEARER_CREDENTIALS = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/**
 * Rule 1: exactly one `Authorization` header, scheme `Bearer` (case-sensitive, as botbuilder's
 * JwtTokenExtractor compares `scheme !== 'Bearer'`), followed by a JWT. A one-element array is
 * one header (Node's `headersDistinct`); two or more headers are refused.
 */
export function readBearerToken(authorization: string | readonly string[] | undefined): string {
  const header = singleHeader(authorization);
  const match = BEARER_CREDENTIALS.exec(header ?? '');
  if (!match?.[1]) throw new AuthError(401, 'bearer-token', 'missing or malformed Authorization: Bearer header');
  return match[1];
}

function singleHeader(authorization: string | readonly string[] | undefined): string | undefined {
  if (typeof authorization === 'string' || authorization === undefined) return authorization;
  if (authorization.length !== 1) throw new AuthError(401, 'bearer-token', 'more than one Authorization header');
  return authorization[0];
}
