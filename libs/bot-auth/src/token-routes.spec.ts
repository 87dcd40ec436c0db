import { describe, expect, it } from 'vitest';
import { APP_ID, TENANT_ID } from './test-tokens.spec-helpers.js';
import { createTokenRoutes, entraIssuers } from './token-routes.js';

const options = {
  appId: APP_ID,
  appType: 'MultiTenant' as const,
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  tokenIssuer: 'https://api.botframework.com',
  authorityHost: 'https://login.microsoftonline.com',
  trustedServiceUrlHosts: [],
  allowedTenantIds: [],
};

describe('token routes', () => {
  it('accepts only the Bot Framework issuer for a multi-tenant registration', () => {
    const routes = createTokenRoutes(options, Date.now, 1_000);
    expect(routes.map((route) => [route.path, route.issuers])).toEqual([['channel', ['https://api.botframework.com']]]);
  });

  it('adds the app tenant Entra issuers for a single-tenant registration', () => {
    const routes = createTokenRoutes({ ...options, appType: 'SingleTenant', appTenantId: TENANT_ID }, Date.now, 1_000);
    expect(routes[1]).toMatchObject({
      path: 'entra',
      issuers: [`https://login.microsoftonline.com/${TENANT_ID}/v2.0`, `https://sts.windows.net/${TENANT_ID}/`],
    });
  });

  it('refuses a single-tenant registration without a tenant', () => {
    expect(() => createTokenRoutes({ ...options, appType: 'SingleTenant' }, Date.now, 1_000)).toThrow(/appTenantId/);
  });

  it("adds another cloud's v2.0 issuer from its authority host", () => {
    expect(entraIssuers('https://login.microsoftonline.us/', TENANT_ID)).toContain(`https://login.microsoftonline.us/${TENANT_ID}/v2.0`);
  });
});
