import { describe, expect, it } from 'vitest';
import { OTHER_TENANT_ID, TENANT_ID } from '../test-tokens.spec-helpers.js';
import { checkAllowedTenant } from './allowed-tenant.check.js';

describe('allowed-tenant check', () => {
  it('allows any tenant, or none, when the list is empty', () => {
    expect(() => checkAllowedTenant(OTHER_TENANT_ID, [])).not.toThrow();
    expect(() => checkAllowedTenant(undefined, [])).not.toThrow();
  });

  it('allows a listed tenant, in any case', () => {
    expect(() => checkAllowedTenant(TENANT_ID, [TENANT_ID.toUpperCase()])).not.toThrow();
  });

  it.each([
    ['an unlisted tenant', OTHER_TENANT_ID],
    ['an activity naming no tenant', undefined],
  ])('refuses %s with 403', (_name, tenantId) => {
    expect(() => checkAllowedTenant(tenantId, [TENANT_ID])).toThrow(expect.objectContaining({ status: 403, check: 'allowed-tenant' }));
  });
});
