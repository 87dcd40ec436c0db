import type { InboundTokenOptions } from './inbound-token.options.js';
import { OpenIdKeyStore } from './keys/openid-key-store.js';
import type { IssuerRoute } from './token/allowed-issuer.check.js';

/** How the caller proved itself: a Bot Framework channel token, or (single-tenant only) an Entra token. */
export type CallerPath = 'channel' | 'entra';

export interface TokenRoute extends IssuerRoute<CallerPath> {
  readonly keys: OpenIdKeyStore;
}

/** The channel route always; the Entra route of the app's own tenant for single-tenant registrations. */
export function createTokenRoutes(options: InboundTokenOptions, now: () => number, fetchTimeoutMs: number): TokenRoute[] {
  const keyStore = (metadataUrl: string) => new OpenIdKeyStore({ metadataUrl, now, fetchTimeoutMs });
  const channel: TokenRoute = { path: 'channel', issuers: [options.tokenIssuer], keys: keyStore(options.openIdMetadataUrl) };
  if (options.appType !== 'SingleTenant') return [channel];
  const tenantId = options.appTenantId;
  if (!tenantId) throw new Error('bot-auth: a SingleTenant registration needs appTenantId');
  const authority = options.authorityHost.replace(/\/+$/, '');
  const entra: TokenRoute = {
    path: 'entra',
    issuers: entraIssuers(authority, tenantId),
    keys: keyStore(`${authority}/${tenantId}/v2.0/.well-known/openid-configuration`),
  };
  return [channel, entra];
}

/**
 * Entra's v2.0 and v1.0 issuers for one tenant: `https://login.microsoftonline.com/{tid}/v2.0` and
 * `https://sts.windows.net/{tid}/`, plus `{authorityHost}/{tid}/v2.0` when the authority is another
 * cloud's (login.microsoftonline.us) or a local stand-in. Keys still come only from that authority.
 */
export function entraIssuers(authorityHost: string, tenantId: string): string[] {
  const issuers = [`https://login.microsoftonline.com/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];
  const authorityV2 = `${authorityHost.replace(/\/+$/, '')}/${tenantId}/v2.0`;
  return issuers.includes(authorityV2) ? issuers : [...issuers, authorityV2];
}
