import { graphResourceOf } from '@herald/graph-client';
import { UserTokenRefused } from '@herald/bot-auth';

/** The account a person signed in with, as Microsoft Graph describes it. */
export interface GraphProfile {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
}

export interface GraphProfileOptions {
  readonly authorityHost: string;
  readonly graphBaseUrl: string;
  readonly appId: string;
  readonly appPassword: string;
  readonly timeoutMs?: number;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CONSENT_REQUIRED = 65001;

/**
 * Reads the person's profile with their single sign-on token: exchanged on behalf of the user
 * for a Graph token (`User.Read`), then `GET /v1.0/me`. The Graph token is used once and kept
 * nowhere. Every failure is a refusal with a reason (Teams then shows the sign-in button).
 */
export class GraphProfileClient {
  constructor(private readonly options: GraphProfileOptions) {}

  async profileOf(ssoToken: string, tenantId: string): Promise<GraphProfile> {
    const graphToken = await this.onBehalfOf(ssoToken, tenantId);
    return this.me(graphToken);
  }

  /** `GET /v1.0/me` with a Graph token the sign-in already obtained (the OAuth fallback's code). */
  profileWith(graphToken: string): Promise<GraphProfile> {
    return this.me(graphToken);
  }

  private async onBehalfOf(assertion: string, tenantId: string): Promise<string> {
    const { authorityHost, appId, appPassword } = this.options;
    const form = new URLSearchParams({
      grant_type: JWT_BEARER,
      client_id: appId,
      client_secret: appPassword,
      assertion,
      scope: `${graphResourceOf(this.options.graphBaseUrl)}/User.Read`,
      requested_token_use: 'on_behalf_of',
    });
    const response = await this.call(`${authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    }, 'Entra ID');
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string; error_codes?: number[]; suberror?: string };
    if (response.ok && typeof body.access_token === 'string') return body.access_token;
    if (body.error_codes?.includes(CONSENT_REQUIRED) || body.suberror === 'consent_required') {
      throw new UserTokenRefused('consent to Herald reading your profile is missing (AADSTS65001)');
    }
    throw new UserTokenRefused(`Entra ID refused the on-behalf-of exchange (${response.status} ${body.error ?? ''})`.trim());
  }

  private async me(graphToken: string): Promise<GraphProfile> {
    const url = `${this.options.graphBaseUrl.replace(/\/+$/, '')}/v1.0/me?$select=id,displayName,userPrincipalName`;
    const response = await this.call(url, { headers: { authorization: `Bearer ${graphToken}`, accept: 'application/json' } }, 'Microsoft Graph');
    if (!response.ok) throw new UserTokenRefused(`Microsoft Graph did not return the profile (${response.status})`);
    const body = (await response.json().catch(() => ({}))) as Partial<GraphProfile>;
    if (typeof body.id !== 'string' || typeof body.userPrincipalName !== 'string') throw new UserTokenRefused('Microsoft Graph returned no usable profile');
    return { id: body.id, userPrincipalName: body.userPrincipalName, displayName: typeof body.displayName === 'string' ? body.displayName : body.userPrincipalName };
  }

  private async call(url: string, init: RequestInit, peer: string): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(this.options.timeoutMs ?? 3_000) });
    } catch {
      throw new UserTokenRefused(`${peer} cannot be reached now`);
    }
  }
}
