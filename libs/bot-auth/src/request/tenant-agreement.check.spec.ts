import { describe, expect, it } from 'vitest';
import { OTHER_TENANT_ID, SERVICE_URL, TENANT_ID } from '../test-tokens.spec-helpers.js';
import { checkTenantAgreement } from './tenant-agreement.check.js';

const activity = (conversationTenant?: string, channelDataTenant?: string) => ({
  serviceUrl: SERVICE_URL,
  conversation: { tenantId: conversationTenant },
  channelData: { tenant: channelDataTenant === undefined ? undefined : { id: channelDataTenant } },
});

describe('tenant-agreement check', () => {
  it.each([
    ['both fields agree', activity(TENANT_ID, TENANT_ID), TENANT_ID],
    ['both agree up to case', activity(TENANT_ID.toUpperCase(), TENANT_ID), TENANT_ID],
    ['only conversation.tenantId', activity(TENANT_ID, undefined), TENANT_ID],
    ['only channelData.tenant.id', activity(undefined, TENANT_ID), TENANT_ID],
    ['neither', activity(), undefined],
  ])('returns the tenant when %s', (_name, input, tenantId) => {
    expect(checkTenantAgreement(input)).toBe(tenantId);
  });

  it('refuses disagreeing tenant fields with 403', () => {
    expect(() => checkTenantAgreement(activity(TENANT_ID, OTHER_TENANT_ID))).toThrow(
      expect.objectContaining({ status: 403, check: 'tenant-agreement' }),
    );
  });
});
