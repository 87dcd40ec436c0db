import { directoryEventSchema, SUBJECTS, type DirectoryEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';

export const DIRECTORY_USERS = 'directory-users';
export const DIRECTORY_USERS_TABLES = ['directory_users'] as const;

/** `directory_users` from the DIRECTORY stream: one row per current user, guests and disabled accounts flagged. */
export function directoryUsersProjection(stream: string): Projection<DirectoryEvent> {
  return {
    name: DIRECTORY_USERS,
    stream,
    filter: SUBJECTS.directory,
    parse: (body) => directoryEventSchema.parse(body),
    apply: (em, events) => applyDirectoryEvents(em, events.map((each) => each.event)),
  };
}

/** The batch folded to each user's last event, then one upsert and one delete for all of them. */
export async function applyDirectoryEvents(em: EntityManager, events: readonly DirectoryEvent[]): Promise<void> {
  const last = new Map<string, DirectoryEvent>();
  for (const event of events) last.set(`${event.data.tenantId}\u0000${event.data.userId}`, event);
  const upserts = [];
  const removals = [];
  for (const event of last.values()) {
    if (event.type === 'DirectoryUserRemoved') removals.push({ tenant_id: event.data.tenantId, user_id: event.data.userId });
    else upserts.push(rowOf(event.data));
  }
  if (upserts.length > 0) {
    await em.execute(
      `insert into directory_users (tenant_id, user_id, display_name, user_principal_name, mail, account_enabled, user_type, guest, disabled)
       select * from jsonb_to_recordset(?::jsonb) as x(tenant_id text, user_id text, display_name text, user_principal_name text, mail text, account_enabled boolean, user_type text, guest boolean, disabled boolean)
       on conflict (tenant_id, user_id) do update set display_name = excluded.display_name, user_principal_name = excluded.user_principal_name, mail = excluded.mail,
         account_enabled = excluded.account_enabled, user_type = excluded.user_type, guest = excluded.guest, disabled = excluded.disabled`,
      [JSON.stringify(upserts)],
    );
  }
  if (removals.length > 0) {
    await em.execute(
      `delete from directory_users d using jsonb_to_recordset(?::jsonb) as x(tenant_id text, user_id text) where d.tenant_id = x.tenant_id and d.user_id = x.user_id`,
      [JSON.stringify(removals)],
    );
  }
}

function rowOf(user: Extract<DirectoryEvent, { type: 'DirectoryUserUpserted' }>['data']) {
  return {
    tenant_id: user.tenantId,
    user_id: user.userId,
    display_name: user.displayName,
    user_principal_name: user.userPrincipalName,
    mail: user.mail,
    account_enabled: user.accountEnabled,
    user_type: user.userType,
    guest: user.userType === 'Guest',
    disabled: !user.accountEnabled,
  };
}
