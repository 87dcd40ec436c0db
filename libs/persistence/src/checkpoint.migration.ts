import { Migration } from '@mikro-orm/migrations';

/** Every service schema keeps its projections' checkpoints (last applied stream sequence). */
export class CreateProjectionCheckpoints extends Migration {
  override up(): void {
    this.addSql(`create table if not exists projection_checkpoints (
      projection text primary key,
      position bigint not null default 0,
      updated_at timestamptz not null default now()
    )`);
  }

  override down(): void {
    this.addSql('drop table if exists projection_checkpoints');
  }
}
