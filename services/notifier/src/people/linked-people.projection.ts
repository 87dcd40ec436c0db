import { SUBJECTS, userEventSchema, type UserEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';

export const LINKED_PEOPLE = 'linked-people';

/** `linked_people`: who signed in as which account (auth's user events), so `upn` and `aadObjectId` recipients reach them. */
export function linkedPeopleProjection(stream: string): Projection<UserEvent> {
  return {
    name: LINKED_PEOPLE,
    stream,
    filter: SUBJECTS.users,
    parse: (body) => userEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) {
        const { data } = event;
        await em.execute(
          `insert into linked_people (teams_user_id, tenant_id, aad_object_id, upn, linked, changed_at) values (?, ?, ?, ?, ?, ?)
           on conflict (teams_user_id) do update set tenant_id = excluded.tenant_id, aad_object_id = excluded.aad_object_id, upn = excluded.upn,
             linked = excluded.linked, changed_at = excluded.changed_at`,
          [data.teamsUserId, data.tenantId, data.aadObjectId, data.upn.toLowerCase(), event.type === 'UserSignedIn', event.metadata.occurredAt],
        );
      }
    },
  };
}
