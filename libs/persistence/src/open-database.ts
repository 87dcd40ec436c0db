import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor, MigrationObject } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { CreateProjectionCheckpoints } from './checkpoint.migration.js';
import { ProjectionCheckpoint } from './projection-checkpoint.entity.js';

export type { MikroORM } from '@mikro-orm/postgresql';
export type Database = MikroORM;

export interface DatabaseOptions {
  url: string;
  /** The service's own schema, e.g. `notifier`; tests use their own. */
  schema: string;
  entities: NonNullable<Options['entities']>;
  /** Checked-in migrations, oldest first. */
  migrations: (MigrationObject | Constructor<Migration>)[];
  /** Set `application_name` so the connection is named in pg_stat_activity. */
  applicationName: string;
}

/**
 * Opens the service's database: creates the database and schema if missing, then runs the
 * service's checked-in migrations (after the shared projection-checkpoint table).
 */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  const orm = await MikroORM.init({
    clientUrl: options.url,
    schema: options.schema,
    entities: [ProjectionCheckpoint, ...options.entities],
    extensions: [Migrator],
    debug: false,
    ensureDatabase: false,
    allowGlobalContext: false,
    pool: { min: 0, max: 10 },
    // Raw SQL finds the service's tables unqualified, as the migrations create them.
    driverOptions: { application_name: options.applicationName, options: `-c search_path="${options.schema}",public` },
    migrations: {
      migrationsList: [{ name: '0000_projection_checkpoints', class: CreateProjectionCheckpoints }, ...options.migrations],
      schema: options.schema,
      tableName: 'mikro_orm_migrations',
      snapshot: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
    },
  });
  await orm.schema.ensureDatabase();
  await orm.em.getConnection().execute(`create schema if not exists "${options.schema}"`);
  await orm.migrator.up();
  return orm;
}

/** Readiness: Postgres answers. */
export async function checkDatabase(orm: MikroORM): Promise<void> {
  await orm.em.getConnection().execute('select 1');
}
