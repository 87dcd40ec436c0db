import { Problem } from '../problem-details.filter.js';
import type { ApiPrincipal } from '../notifications/api-principal.js';

/**
 * The tenant whose groups a caller searches, by the rules recipients follow (recipient-tenants.ts):
 * a caller restricted to one tenant searches it unless it names another (403); one restricted to
 * several must name one of them (422 without, 403 outside). A caller of every tenant names it (400).
 */
export function searchedTenant(principal: ApiPrincipal, tenantId: string | undefined): string {
  const named = tenantId?.trim() || undefined;
  const { tenants } = principal;
  if (tenants === '*') {
    if (named === undefined) throw new Problem(400, 'tenantId: the tenant whose groups to search', {}, 'tenantId');
    return named;
  }
  const chosen = named ?? (tenants.length === 1 ? tenants[0] : undefined);
  if (chosen === undefined) throw new Problem(422, `tenantId: this caller reaches only some tenants (${tenants.join(', ')}); name one`, {}, 'tenantId');
  if (!tenants.includes(chosen)) throw new Problem(403, `tenantId: this caller may not reach tenant ${chosen}`, {}, 'tenantId');
  return chosen;
}
