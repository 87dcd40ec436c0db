import { describe, expect, it } from 'vitest';
import { OTHER_TENANT_ID, TENANT_ID } from '../test-tokens.spec-helpers.js';
import { checkEntraTenant } from './entra-tenant.check.js';

describe('entra-tenant check', () => {
  it('accepts the app tenant, in any case', () => {
    expect(() => checkEntraTenant({ tid: TENANT_ID.toUpperCase() }, TENANT_ID)).not.toThrow();
  });

  it.each([
    ['another tenant', { tid: OTHER_TENANT_ID }],
    ['no tid', {}],
  ])('refuses %s with 401', (_name, claims) => {
    expect(() => checkEntraTenant(claims, TENANT_ID)).toThrow(expect.objectContaining({ status: 401, check: 'entra-tenant' }));
  });
});
