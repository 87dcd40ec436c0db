import type { EntraError } from './entra-errors.js';

/**
 * Entra's answers about authorization codes and their redirect URIs (AADSTS reference:
 * learn.microsoft.com/entra/identity-platform/reference-error-codes; wording as Entra answers).
 */

const invalidGrant = (code: number, message: string): EntraError => ({ status: 400, error: 'invalid_grant', code, message });

/** A code the sim never issued (or mangled). */
export const codeMalformed = (): EntraError => invalidGrant(9002313, 'Invalid request. Request is malformed or invalid.');

export const codeExpired = (): EntraError =>
  invalidGrant(70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.');

export const codeRedeemed = (): EntraError =>
  invalidGrant(54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.');

export const codeOfOtherTenant = (): EntraError =>
  invalidGrant(700005, 'Provided Authorization Code is intended to use against other tenant, thus rejected.');

export const codeOfOtherClient = (): EntraError =>
  invalidGrant(70000, "The provided value for the 'code' parameter is not valid. The code was issued to another client.");

export const redirectUriMismatch = (sent: string, original: string): EntraError =>
  invalidGrant(50011, `The reply address '${sent}' does not match the reply address '${original}' provided when requesting Authorization code.`);

export const codeVerifierMismatch = (): EntraError =>
  invalidGrant(501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.');

/** An error the authorize endpoint shows on its own page or sends to the redirect URI. */
export interface AuthorizeError {
  readonly error: string;
  readonly code: number;
  readonly message: string;
}

export const authorizeMissing = (name: string): AuthorizeError => ({
  error: 'invalid_request',
  code: 900144,
  message: `The request body must contain the following parameter: '${name}'.`,
});

export const noReplyAddress = (): AuthorizeError => ({ error: 'invalid_request', code: 900971, message: 'No reply address provided.' });

export const replyAddressNotRegistered = (uri: string, appId: string): AuthorizeError => ({
  error: 'invalid_request',
  code: 50011,
  message:
    `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the ` +
    `application '${appId}'. Make sure the redirect URI sent in the request matches one added to your ` +
    'application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.',
});

export const unknownClient = (clientId: string, tenant: string): AuthorizeError => ({
  error: 'unauthorized_client',
  code: 700016,
  message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
});

export const unknownTenant = (tenant: string): AuthorizeError => ({
  error: 'invalid_request',
  code: 90002,
  message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
});

export const unknownAccount = (upn: string, tenant: string): AuthorizeError => ({
  error: 'invalid_request',
  code: 50034,
  message: `The user account ${upn} does not exist in the '${tenant}' directory. To sign into this application, the account must be added to the directory.`,
});

export const unsupportedResponseType = (responseType: string): AuthorizeError =>
  responseType.split(' ').includes('id_token') || responseType.split(' ').includes('token')
    ? { error: 'unsupported_response_type', code: 700054, message: "response_type 'id_token' is not enabled for the application." }
    : { error: 'unsupported_response_type', code: 70005, message: `The provided value for the input parameter 'response_type' is not allowed for this request. Expected value: 'code'.` };

export const unsupportedResponseMode = (mode: string): AuthorizeError => ({
  error: 'invalid_request',
  code: 70007,
  message: `The provided value '${mode}' for the input parameter 'response_mode' is not supported.`,
});

export const invalidCodeChallenge = (): AuthorizeError => ({
  error: 'invalid_request',
  code: 501491,
  message: 'Invalid size of Code_Challenge parameter.',
});
