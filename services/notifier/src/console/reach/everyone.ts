import type { EntityManager } from '@herald/persistence';

/**
 * Everyone in a tenant, as a send to `allUsers` reaches them: the tenant's directory (members,
 * enabled) once graph-sync synced it, else the people who installed Herald. `others`: people
 * named elsewhere in the audience — how many of them are not among everyone (they add to the reach).
 */
export async function everyone(em: EntityManager, tenantId: string, others: ReadonlySet<string>): Promise<{ count: number; beyond: number }> {
  const synced = (await em.execute<unknown[]>('select 1 from directory_people where tenant_id = ? limit 1', [tenantId])).length > 0;
  const people = synced
    ? `select aad_object_id as person from directory_people where tenant_id = ? and account_enabled and not guest`
    : `select distinct user_aad_object_id as person from known_conversations where tenant_id = ? and kind = 'personal' and installed and user_aad_object_id is not null`;
  const [row] = await em.execute<{ count: string; beyond: string }[]>(
    `with people as (${people})
     select (select count(*) from people) as count,
            (select count(*) from jsonb_array_elements_text(?::jsonb) as other(person) where not exists (select 1 from people p where p.person = other.person)) as beyond`,
    [tenantId, JSON.stringify([...others])],
  );
  return { count: Number(row?.count ?? 0), beyond: Number(row?.beyond ?? 0) };
}
