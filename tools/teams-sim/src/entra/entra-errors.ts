import { randomUUID } from 'node:crypto';

/** An error answer of the Microsoft identity platform token endpoint. */
export interface EntraError {
  readonly status: 400 | 401;
  readonly error: string;
  readonly code: number;
  readonly message: string;
  /** A finer reason some errors carry (`consent_required` with AADSTS65001). */
  readonly suberror?: string;
}

/** Entra's timestamp format: "2023-05-06 06:03:00Z". */
const entraTimestamp = (at: Date): string => `${at.toISOString().slice(0, 19).replace('T', ' ')}Z`;

/** The JSON body Entra sends with an error (client credentials doc, "Error response"). */
export function entraErrorBody(failure: EntraError, at: Date = new Date()) {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = entraTimestamp(at);
  return {
    error: failure.error,
    error_description:
      `AADSTS${failure.code}: ${failure.message}\r\nTrace ID: ${traceId}\r\n` +
      `Correlation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`,
    ...(failure.suberror ? { suberror: failure.suberror } : {}),
  };
}

export const missingParameter = (name: string): EntraError => ({
  status: 400,
  error: 'invalid_request',
  code: 900144,
  message: `The request body must contain the following parameter: '${name}'.`,
});

export const tenantNotFound = (tenant: string): EntraError => ({
  status: 400,
  error: 'invalid_request',
  code: 90002,
  message:
    `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the ` +
    'correct cloud. Check with your subscription administrator, this may happen if there are no active ' +
    'subscriptions for the tenant.',
});

export const unsupportedGrantType = (): EntraError => ({
  status: 400,
  error: 'unsupported_grant_type',
  code: 70003,
  message: 'The app requested an unsupported grant type.',
});

export const applicationNotFound = (clientId: string, tenant: string): EntraError => ({
  status: 400,
  error: 'unauthorized_client',
  code: 700016,
  message:
    `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the ` +
    'application has not been installed by the administrator of the tenant or consented to by any user in the ' +
    'tenant. You may have sent your authentication request to the wrong tenant.',
});

export const missingClientCredential = (): EntraError => ({
  status: 401,
  error: 'invalid_client',
  code: 7000218,
  message: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
});

export const invalidClientSecret = (clientId: string): EntraError => ({
  status: 401,
  error: 'invalid_client',
  code: 7000215,
  message:
    'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, ' +
    `not the client secret ID, for a secret added to app '${clientId}'.`,
});

export const invalidScope = (scope: string): EntraError => ({
  status: 400,
  error: 'invalid_scope',
  code: 70011,
  message: `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
});
