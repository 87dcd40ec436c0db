import { SUBJECTS, userEventSchema, type UserEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';

export const USER_LINKS = 'user-links';

/** `user_links`: each signed-in Teams user and the account they signed in with. */
export function userLinksProjection(stream: string): Projection<UserEvent> {
  return {
    name: USER_LINKS,
    stream,
    filter: SUBJECTS.users,
    parse: (body) => userEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) {
        const { data } = event;
        if (event.type === 'UserSignedOut') {
          await em.execute('delete from user_links where teams_user_id = ?', [data.teamsUserId]);
          continue;
        }
        await em.execute(
          `insert into user_links (teams_user_id, tenant_id, aad_object_id, upn, display_name, method, linked_at) values (?, ?, ?, ?, ?, ?, ?)
           on conflict (teams_user_id) do update set tenant_id = excluded.tenant_id, aad_object_id = excluded.aad_object_id, upn = excluded.upn,
             display_name = excluded.display_name, method = excluded.method, linked_at = excluded.linked_at`,
          [data.teamsUserId, data.tenantId, data.aadObjectId, data.upn, event.data.displayName, event.data.method, event.metadata.occurredAt],
        );
      }
    },
  };
}
