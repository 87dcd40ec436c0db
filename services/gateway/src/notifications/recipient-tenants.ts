import type { Recipient } from '@herald/contracts';
import { Problem } from '../problem-details.filter.js';
import type { ApiPrincipal } from './api-principal.js';

/**
 * The recipients a tenant-restricted caller may address: each one's `tenantId` must be one of its
 * tenants; a recipient without one gets the caller's tenant when it has exactly one, and is
 * refused (422) otherwise — so `allUsers` never means "every tenant" for such a caller. A tenant
 * outside the caller's is 403. Callers of every tenant pass unchanged.
 */
export function recipientsWithin(principal: ApiPrincipal, recipients: readonly Recipient[]): Recipient[] {
  const { tenants } = principal;
  if (tenants === '*') return [...recipients];
  const only = tenants.length === 1 ? tenants[0] : undefined;
  return recipients.map((recipient, index) => {
    const field = `recipients.${index}.tenantId`;
    const tenantId = recipient.tenantId ?? only;
    if (tenantId === undefined) throw new Problem(422, `${field}: this caller reaches only some tenants (${tenants.join(', ')}); give the recipient's tenantId`, {}, field);
    if (!tenants.includes(tenantId)) throw new Problem(403, `${field}: this caller may not reach tenant ${tenantId}`, {}, field);
    return { ...recipient, tenantId };
  });
}
