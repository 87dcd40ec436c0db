import { Migration } from '@herald/persistence';

export class CreateKnownPeople extends Migration {
  override up(): void {
    this.addSql(`create table known_people (
      user_id text primary key,
      conversation_id text not null,
      aad_object_id text null,
      upn text null,
      email text null,
      user_role text null,
      profiled_at timestamptz not null
    )`);
    this.addSql('create index known_people_upn on known_people (upn) where upn is not null');
  }

  override down(): void {
    this.addSql('drop table known_people');
  }
}
