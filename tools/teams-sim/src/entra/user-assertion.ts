import { decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import type { SigningKey } from '../keys.js';
import {
  assertionAudienceMismatch,
  assertionFromOtherTenant,
  assertionKeyNotFound,
  assertionMalformed,
  assertionOutsideValidTime,
  assertionSignatureInvalid,
} from './assertion-errors.js';
import type { EntraError } from './entra-errors.js';
import { v1Issuer, v2Issuer } from './tenants.js';

export type AssertionCheck = { ok: true; objectId: string; claims: JWTPayload } | { ok: false; failure: EntraError };

export interface AssertionExpectations {
  readonly key: SigningKey;
  readonly appId: string;
  readonly appName: string;
  /** The tenant of the token endpoint the request went to. */
  readonly tenantId: string;
}

const fail = (failure: EntraError): AssertionCheck => ({ ok: false, failure });
const date = (seconds: unknown): Date => new Date((typeof seconds === 'number' ? seconds : 0) * 1000);

/** The app itself (its app id) or one of its Application ID URIs (api://…/<app id>, api://botid-<app id>). */
function isForApp(audience: unknown, appId: string): boolean {
  if (typeof audience !== 'string') return false;
  const aud = audience.toLowerCase();
  const id = appId.toLowerCase();
  return aud === id || (aud.startsWith('api://') && aud.endsWith(id));
}

function readToken(assertion: string): { kid: string; claims: JWTPayload } | undefined {
  try {
    return { kid: String(decodeProtectedHeader(assertion).kid ?? ''), claims: decodeJwt(assertion) };
  } catch {
    return undefined;
  }
}

/** Signature by one of Entra's keys, then the validity window (no clock skew: Entra's answer names the very second). */
async function checkSignatureAndTime(assertion: string, kid: string, claims: JWTPayload, key: SigningKey) {
  if (kid !== key.kid) return assertionKeyNotFound(kid);
  try {
    await jwtVerify(assertion, key.publicJwk, { algorithms: ['RS256'] });
    return undefined;
  } catch (error) {
    if (error instanceof errors.JWTExpired || error instanceof errors.JWTClaimValidationFailed) {
      return assertionOutsideValidTime(new Date(), date(claims.nbf), date(claims.exp));
    }
    return assertionSignatureInvalid(kid);
  }
}

/**
 * Entra's checks of the user assertion of an on-behalf-of request, in its order: a JWT, signed by an Entra key,
 * within its validity window, for the calling app, issued by the tenant the request names.
 */
export async function checkUserAssertion(assertion: string, expected: AssertionExpectations): Promise<AssertionCheck> {
  const token = readToken(assertion);
  if (!token) return fail(assertionMalformed());
  const { kid, claims } = token;
  const invalid = await checkSignatureAndTime(assertion, kid, claims, expected.key);
  if (invalid) return fail(invalid);
  if (!isForApp(claims.aud, expected.appId)) return fail(assertionAudienceMismatch(String(claims.aud), expected.appId, expected.appName));
  const issuers = [v1Issuer(expected.tenantId), v2Issuer(expected.tenantId)];
  if (claims['tid'] !== expected.tenantId || !issuers.includes(String(claims.iss))) {
    return fail(assertionFromOtherTenant(String(claims.iss), expected.tenantId));
  }
  if (typeof claims['oid'] !== 'string') return fail(assertionMalformed());
  return { ok: true, objectId: claims['oid'], claims };
}
