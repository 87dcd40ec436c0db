import { conversationEventSchema, SUBJECTS, type ConversationEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';

export const INSTALLED_PEOPLE = 'installed-people';

/** `installed_people`: each person Teams installed Herald for in a personal chat (the router's conversation events). */
export function installedPeopleProjection(stream: string): Projection<ConversationEvent> {
  return {
    name: INSTALLED_PEOPLE,
    stream,
    filter: SUBJECTS.conversations,
    parse: (body) => conversationEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) {
        if (event.type !== 'ConversationInstalled' || event.data.kind !== 'personal' || !event.data.user?.aadObjectId) continue;
        await em.execute(
          `insert into installed_people (aad_object_id, user_id, tenant_id, installed_at) values (lower(?), ?, ?, ?)
           on conflict (aad_object_id) do update set user_id = excluded.user_id, tenant_id = coalesce(excluded.tenant_id, installed_people.tenant_id), installed_at = excluded.installed_at`,
          [event.data.user.aadObjectId, event.data.user.id, event.data.tenantId ?? null, event.metadata.occurredAt],
        );
      }
    },
  };
}

/** The person Teams installed Herald for under that Entra object id, if any. */
export async function installedPerson(em: EntityManager, aadObjectId: string): Promise<{ userId: string; aadObjectId: string; tenantId?: string } | undefined> {
  const rows = await em.execute<{ user_id: string; tenant_id: string | null }[]>('select user_id, tenant_id from installed_people where aad_object_id = lower(?)', [aadObjectId]);
  const row = rows[0];
  return row ? { userId: row.user_id, aadObjectId, ...(row.tenant_id ? { tenantId: row.tenant_id } : {}) } : undefined;
}
