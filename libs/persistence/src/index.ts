export { checkDatabase, openDatabase, type Database, type DatabaseOptions } from './open-database.js';
export { applyBatchOnce, applyOnce, checkpointOf, lockCheckpoint, skipTo, type ProjectionPosition } from './projection-runner.js';
export { Migration } from '@mikro-orm/migrations';
export { defineEntity, LockMode, p, type InferEntity } from '@mikro-orm/core';
export type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
export { DATABASE, PersistenceModule } from './persistence.module.js';
export { rebuildProjection } from './rebuild-projection.js';
