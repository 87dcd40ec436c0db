import { describe, expect, it } from 'vitest';
import { OTHER_TENANT_ID, TENANT_ID } from '../test-tokens.spec-helpers.js';
import { checkTokenTenant } from './token-tenant.check.js';

describe('token-tenant check (Entra path: the activity belongs to the token tenant)', () => {
  it('accepts an activity of the token tenant, in any case', () => {
    expect(() => checkTokenTenant({ tid: TENANT_ID }, TENANT_ID.toUpperCase())).not.toThrow();
  });

  it.each([
    ['an activity of another tenant', { tid: TENANT_ID }, OTHER_TENANT_ID],
    ['an activity naming no tenant', { tid: TENANT_ID }, undefined],
    ['a token without tid', {}, TENANT_ID],
  ])('refuses %s with 403', (_name, claims, tenantId) => {
    expect(() => checkTokenTenant(claims, tenantId)).toThrow(expect.objectContaining({ status: 403, check: 'token-tenant' }));
  });
});
