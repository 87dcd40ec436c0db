import { directoryEventSchema, SUBJECTS, type DirectoryEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';

export const DIRECTORY_PEOPLE = 'directory-people';
export const DIRECTORY_PEOPLE_TABLES = ['directory_people'] as const;

/**
 * `directory_people`: every tenant's Entra users as graph-sync read them (DIRECTORY), flagged
 * guest (`userType` Guest) or disabled (`accountEnabled` false), so notifications skip them.
 */
export function directoryPeopleProjection(stream: string): Projection<DirectoryEvent> {
  return {
    name: DIRECTORY_PEOPLE,
    stream,
    filter: SUBJECTS.directory,
    parse: (body) => directoryEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) {
        const { data } = event;
        if (event.type === 'DirectoryUserRemoved') {
          await em.execute('delete from directory_people where tenant_id = ? and aad_object_id = ?', [data.tenantId, data.userId]);
          continue;
        }
        const { userPrincipalName, displayName, accountEnabled, userType } = event.data;
        await em.execute(
          `insert into directory_people (tenant_id, aad_object_id, upn, display_name, account_enabled, guest, changed_at) values (?, ?, ?, ?, ?, ?, ?)
           on conflict (tenant_id, aad_object_id) do update set upn = excluded.upn, display_name = excluded.display_name,
             account_enabled = excluded.account_enabled, guest = excluded.guest, changed_at = excluded.changed_at`,
          [data.tenantId, data.userId, userPrincipalName?.toLowerCase() ?? null, displayName, accountEnabled, isGuest(userType), event.metadata.occurredAt],
        );
      }
    },
  };
}

/** Entra's `userType`: `Member` or `Guest` (null for some synced accounts: members). */
export function isGuest(userType: string | null | undefined): boolean {
  return userType?.toLowerCase() === 'guest';
}
