import type { EntraError } from './entra-errors.js';

/**
 * Entra's answers to a bad user assertion in the on-behalf-of grant, worded as Entra words them
 * (AADSTS reference: learn.microsoft.com/entra/identity-platform/reference-error-codes, and the messages
 * Entra returns for these codes). All are 400 invalid_grant, which MSAL treats as "interaction required".
 */

/** .NET's round-trip format Entra uses in these messages: 2024-06-20T11:53:16.0381024Z. */
const roundTrip = (at: Date): string => at.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');

/** Entra names keys by their SHA-1 thumbprint in upper-case hex; the sim's kids are that thumbprint in base64url. */
const thumbprint = (kid: string): string => Buffer.from(kid, 'base64url').toString('hex').toUpperCase();

const invalidGrant = (code: number, message: string, suberror?: string): EntraError => ({
  status: 400,
  error: 'invalid_grant',
  code,
  message,
  ...(suberror ? { suberror } : {}),
});

export const assertionMalformed = (): EntraError => invalidGrant(50027, 'JWT token is invalid or malformed.');

/** Signed by a key Entra does not know (`kid` not among its signing keys). */
export const assertionKeyNotFound = (kid: string): EntraError =>
  invalidGrant(
    50013,
    `Assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint(kid)}']`,
  );

/** The `kid` names Entra's key, but the signature does not verify with it. */
export const assertionSignatureInvalid = (kid: string): EntraError =>
  invalidGrant(
    50013,
    'Assertion failed signature validation. [Reason - The provided signature value did not match the expected ' +
      `signature value., Thumbprint of key used by client: '${thumbprint(kid)}']`,
  );

export function assertionOutsideValidTime(now: Date, validFrom: Date, expires: Date): EntraError {
  const notYet = validFrom > now ? `, assertion valid from ${roundTrip(validFrom)}` : '';
  return invalidGrant(
    500133,
    'Assertion is not within its valid time range. Ensure that the access token is not expired before using it ' +
      `for user assertion, or request a new token. Current time: ${roundTrip(now)}${notYet}, expiry time of ` +
      `assertion ${roundTrip(expires)}.`,
  );
}

export const assertionAudienceMismatch = (audience: string, appId: string, appName: string): EntraError =>
  invalidGrant(
    500131,
    `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was ` +
      `'${audience}' and the expected audience is '${appId}' or one of the Application Uris of this application ` +
      `with App ID '${appId}'(${appName}). The downstream client must request a token for the expected audience ` +
      '(the application that made the OBO request) and this application should use that token as the assertion.',
  );

/**
 * The assertion was issued by another tenant than the one the request names. Entra's reference lists this
 * under AADSTS50013 InvalidAssertion ("the token issuer doesn't match…"); the exact wording is not published.
 */
export const assertionFromOtherTenant = (issuer: string, tenant: string): EntraError =>
  invalidGrant(50013, `Assertion is invalid: its issuer '${issuer}' does not belong to the tenant '${tenant}' of this request.`);

/** The user (or an admin) never consented to the permissions asked for; OBO cannot ask them (no UI). */
export const consentRequired = (appId: string, appName: string): EntraError =>
  invalidGrant(
    65001,
    `The user or administrator has not consented to use the application with ID '${appId}' named '${appName}'. ` +
      'Send an interactive authorization request for this user and resource.',
    'consent_required',
  );

export const invalidRequestParameter = (name: string): EntraError => ({
  status: 400,
  error: 'invalid_request',
  code: 90100,
  message: `The '${name}' parameter is empty or not valid.`,
});
