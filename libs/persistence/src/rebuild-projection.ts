import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { lockCheckpoint } from './projection-runner.js';

/**
 * Rebuilds a projection in one transaction: its checkpoint row is locked (the live consumer
 * waits, then finds every event applied), its tables emptied, `replay` applies every event from
 * the stream's start and returns the last sequence, which becomes the checkpoint.
 */
export async function rebuildProjection(
  orm: MikroORM,
  projection: { name: string; tables: readonly string[] },
  replay: (em: EntityManager) => Promise<number>,
): Promise<{ position: number }> {
  const schema = `"${orm.config.get('schema')}"`;
  return orm.em.fork().transactional(async (em) => {
    await lockCheckpoint(em, projection.name);
    await em.execute(`truncate ${projection.tables.map((table) => `${schema}.${table}`).join(', ')}`);
    const position = await replay(em);
    await em.flush();
    await em.execute(`update ${schema}.projection_checkpoints set position = ?, updated_at = now() where projection = ?`, [position, projection.name]);
    return { position };
  });
}
