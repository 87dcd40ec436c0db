/**
 * The botframework.com tenant: multi-tenant bots get their Bot Connector token from
 * /botframework.com/oauth2/v2.0/token, and the token's issuer names this tenant id
 * (Bot Connector authentication doc, "Bot to Connector: example JWT components").
 */
export const BOTFRAMEWORK_TENANT_ID = 'd6d49420-f39b-4df7-a1dc-d59a935871db';
export const BOTFRAMEWORK_TENANT_NAME = 'botframework.com';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant id (`tid`) for the `{tenant}` path segment, or undefined when the sim knows no such tenant. */
export function resolveTenantId(tenant: string): string | undefined {
  if (tenant.toLowerCase() === BOTFRAMEWORK_TENANT_NAME) return BOTFRAMEWORK_TENANT_ID;
  return GUID.test(tenant) ? tenant.toLowerCase() : undefined;
}

export const v1Issuer = (tenantId: string): string => `https://sts.windows.net/${tenantId}/`;
export const v2Issuer = (tenantId: string): string => `https://login.microsoftonline.com/${tenantId}/v2.0`;

/**
 * `organizations` and `common`: the authority of a multi-tenant app that does not know the person's tenant
 * yet; the person signs in at their own tenant, whose id the tokens then carry.
 */
export function isMultiTenantAuthority(tenant: string): boolean {
  return ['organizations', 'common'].includes(tenant.toLowerCase());
}
