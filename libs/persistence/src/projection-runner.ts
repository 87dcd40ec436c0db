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
    if ((await lockCheckpoint(em, position.projection)) >= position.sequence) return 'skipped';
    await apply(em);
    await em.flush();
    await em.execute(`update ${table} set position = ?, updated_at = now() where projection = ?`, [
      position.sequence,
      position.projection,
    ]);
    return 'applied';
  });
}

/**
 * Applies a batch of events (stream order) in one transaction with the checkpoint: `apply`
 * gets only the events above the checkpoint, which then moves to the batch's last sequence.
 */
export async function applyBatchOnce<T extends { sequence: number }>(
  orm: MikroORM,
  projection: string,
  batch: readonly T[],
  apply: (em: EntityManager, fresh: T[]) => Promise<void>,
): Promise<{ applied: number }> {
  const last = batch.at(-1);
  if (!last) return { applied: 0 };
  const table = `"${orm.config.get('schema')}".projection_checkpoints`;
  return orm.em.fork().transactional(async (em) => {
    const position = await lockCheckpoint(em, projection);
    const fresh = batch.filter((event) => event.sequence > position);
    if (fresh.length === 0) return { applied: 0 };
    await apply(em, fresh);
    await em.flush();
    await em.execute(`update ${table} set position = ?, updated_at = now() where projection = ?`, [last.sequence, projection]);
    return { applied: fresh.length };
  });
}

/**
 * Locks a projection's checkpoint row until the transaction ends and returns its position: what
 * applies or rebuilds that projection waits meanwhile. Lock in one order everywhere (a
 * projection's own checkpoint first) to stay clear of deadlocks.
 */
export async function lockCheckpoint(em: EntityManager, projection: string): Promise<number> {
  const table = `"${em.config.get('schema')}".projection_checkpoints`;
  await em.execute(`insert into ${table} (projection) values (?) on conflict do nothing`, [projection]);
  const row = await em.execute<{ position: string }>(`select position from ${table} where projection = ? for update`, [projection], 'get');
  return Number(row.position);
}

/** Moves the checkpoint past an event the projection cannot apply (dead-lettered). */
export async function skipTo(orm: MikroORM, projection: string, sequence: number): Promise<void> {
  const table = `"${orm.config.get('schema')}".projection_checkpoints`;
  await orm.em.fork().execute(`update ${table} set position = greatest(position, ?), updated_at = now() where projection = ?`, [sequence, projection]);
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
