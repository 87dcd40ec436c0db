import { expect } from 'vitest';
import type { TeamsSim } from './teams-sim.types.js';

export const APP_ID = '0b6fe6d1-fece-44f7-9a48-56465e2d5ab8';
export const APP_PASSWORD = 'sim-test-secret';
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** POSTs a client credentials request to the sim's Entra token endpoint. */
export function requestToken(
  sim: TeamsSim,
  form: Record<string, string>,
  tenant = 'botframework.com',
): Promise<Response> {
  return fetch(`${sim.authorityHost}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

/** A Bot Connector access token, obtained the way a bot does. */
export async function connectorToken(sim: TeamsSim, appPassword = APP_PASSWORD): Promise<string> {
  const response = await requestToken(sim, {
    grant_type: 'client_credentials',
    client_id: APP_ID,
    client_secret: appPassword,
    scope: BOT_FRAMEWORK_SCOPE,
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** Calls a Bot Connector operation under the sim's serviceUrl. */
export function callConnector(
  sim: TeamsSim,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Response> {
  return fetch(new URL(path, sim.serviceUrl), {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
}

export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const CHAT_USER = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';

/** An on-behalf-of request for a Graph token in the sim's tenant, as MSAL sends it. */
export function requestOnBehalfOf(sim: TeamsSim, assertion: string, overrides: Record<string, string> = {}, tenant = sim.tenantId) {
  return requestToken(
    sim,
    {
      grant_type: JWT_BEARER,
      client_id: APP_ID,
      client_secret: APP_PASSWORD,
      assertion,
      scope: 'https://graph.microsoft.com/User.Read offline_access openid profile',
      requested_token_use: 'on_behalf_of',
      ...overrides,
    },
    tenant,
  );
}

/** Entra's error body: error, error_codes, AADSTS description, timestamp, trace and correlation ids. */
export function entraErrorShape(error: string, code: number) {
  return {
    error,
    error_codes: [code],
    error_description: expect.stringMatching(new RegExp(`^AADSTS${code}: .+\\r\\nTrace ID: .+\\r\\nCorrelation ID: .+\\r\\nTimestamp: `, 's')),
    timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
    trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
  };
}
