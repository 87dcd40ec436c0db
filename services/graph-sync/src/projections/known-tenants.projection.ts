import { z } from 'zod';
import { SUBJECTS } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';

export const KNOWN_TENANTS = 'known-tenants';
export const KNOWN_TENANTS_TABLES = ['known_tenants'] as const;

/** Only what this projection reads of a conversation event (every other kind passes through untouched). */
const tenantOfEvent = z
  .object({ type: z.string(), data: z.object({ tenantId: z.string().optional(), serviceUrl: z.string().optional(), botId: z.string().optional() }).loose() })
  .loose();
type TenantOfEvent = z.infer<typeof tenantOfEvent>;

interface TenantRow {
  tenant_id: string;
  service_url: string | null;
  bot_id: string | null;
}

/**
 * `known_tenants`: every tenant the bot was installed in (CONVERSATIONS), whose directory graph-sync
 * keeps, with the verified serviceUrl and bot id of its latest ConversationInstalled (where graph-sync
 * says a personal chat found through Graph is reached).
 */
export function knownTenantsProjection(stream: string): Projection<TenantOfEvent> {
  return {
    name: KNOWN_TENANTS,
    stream,
    filter: SUBJECTS.conversations,
    parse: (body) => tenantOfEvent.parse(body),
    async apply(em, events) {
      const latest = new Map<string, TenantRow>();
      for (const { event } of events) {
        const { tenantId, serviceUrl, botId } = event.data;
        if (event.type !== 'ConversationInstalled' || !tenantId) continue;
        latest.set(tenantId, { tenant_id: tenantId, service_url: serviceUrl ?? null, bot_id: botId ?? latest.get(tenantId)?.bot_id ?? null });
      }
      if (latest.size === 0) return;
      await em.execute(
        `insert into known_tenants (tenant_id, service_url, bot_id)
         select * from jsonb_to_recordset(?::jsonb) as x(tenant_id text, service_url text, bot_id text)
         on conflict (tenant_id) do update set service_url = coalesce(excluded.service_url, known_tenants.service_url), bot_id = coalesce(excluded.bot_id, known_tenants.bot_id)`,
        [JSON.stringify([...latest.values()])],
      );
    },
  };
}
