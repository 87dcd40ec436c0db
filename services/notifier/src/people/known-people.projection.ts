import { personProfiledSchema, SUBJECTS, type PersonProfiled } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';

export const KNOWN_PEOPLE = 'known-people';

/** `known_people`: each person's UPN, email and role, as the member API said (PEOPLE stream). */
export function knownPeopleProjection(stream: string): Projection<PersonProfiled> {
  return {
    name: KNOWN_PEOPLE,
    stream,
    filter: SUBJECTS.people,
    parse: (body) => personProfiledSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) {
        const { data } = event;
        await em.execute(
          `insert into known_people (user_id, conversation_id, aad_object_id, upn, email, user_role, profiled_at) values (?, ?, ?, lower(?), lower(?), ?, ?)
           on conflict (user_id) do update set conversation_id = excluded.conversation_id, aad_object_id = excluded.aad_object_id, upn = excluded.upn,
             email = excluded.email, user_role = excluded.user_role, profiled_at = excluded.profiled_at`,
          [data.userId, data.conversationId, data.aadObjectId ?? null, data.userPrincipalName ?? null, data.email ?? null, data.userRole ?? null, event.metadata.occurredAt],
        );
      }
    },
  };
}
