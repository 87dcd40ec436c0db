import { z } from 'zod';
import { SUBJECTS } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';

export const KNOWN_TENANTS = 'known-tenants';
export const KNOWN_TENANTS_TABLES = ['known_tenants'] as const;

/** Only what this projection reads of a conversation event (every other kind passes through untouched). */
const tenantOfEvent = z.object({ type: z.string(), data: z.object({ tenantId: z.string().optional() }).loose() }).loose();
type TenantOfEvent = z.infer<typeof tenantOfEvent>;

/** `known_tenants`: every tenant the bot was installed in (CONVERSATIONS), whose directory graph-sync keeps. */
export function knownTenantsProjection(stream: string): Projection<TenantOfEvent> {
  return {
    name: KNOWN_TENANTS,
    stream,
    filter: SUBJECTS.conversations,
    parse: (body) => tenantOfEvent.parse(body),
    async apply(em, events) {
      const tenants = new Set<string>();
      for (const { event } of events) if (event.type === 'ConversationInstalled' && event.data.tenantId) tenants.add(event.data.tenantId);
      if (tenants.size === 0) return;
      await em.execute('insert into known_tenants (tenant_id) select jsonb_array_elements_text(?::jsonb) on conflict do nothing', [JSON.stringify([...tenants])]);
    },
  };
}
