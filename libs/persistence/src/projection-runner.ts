import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

export interface ProjectionPosition {
  /** The projection's name, e.g. `delivery-log`. */
  projection: string;
  /** The event's stream sequence. */
  sequence: number;
}

/**
 * Applies one event to a projection and stores the checkpoint in the same transaction.
 * An event at or below the checkpoint was applied already: redelivery changes nothing.
 */
export async function applyOnce(
  orm: MikroORM,
  position: ProjectionPosition,
  apply: (em: EntityManager) => Promise<void>,
): Promise<'applied' | 'skipped'> {
  const table = `"${orm.config.get('schema')}".projection_checkpoints`;
  return orm.em.fork().transactional(async (em) => {
    await em.execute(`insert into ${table} (projection) values (?) on conflict do nothing`, [position.projection]);
    const row = await em.execute<{ position: string }>(
      `select position from ${table} where projection = ? for update`,
      [position.projection],
      'get',
    );
    if (Number(row.position) >= position.sequence) return 'skipped';
    await apply(em);
    await em.flush();
    await em.execute(`update ${table} set position = ?, updated_at = now() where projection = ?`, [
      position.sequence,
      position.projection,
    ]);
    return 'applied';
  });
}

/** The projection's checkpoint (0 before its first event). */
export async function checkpointOf(orm: MikroORM, projection: string): Promise<number> {
  const table = `"${orm.config.get('schema')}".projection_checkpoints`;
  const rows = await orm.em.fork().execute<{ position: string }[]>(
    `select position from ${table} where projection = ?`,
    [projection],
  );
  return Number(rows[0]?.position ?? 0);
}
