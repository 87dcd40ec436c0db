import { Migration } from '@herald/persistence';

/** Who is signed in as whom: one row per Teams user while they are signed in. */
export class CreateUserLinks extends Migration {
  override up(): void {
    this.addSql(`create table user_links (
      teams_user_id text primary key,
      tenant_id text not null,
      aad_object_id text not null,
      upn text not null,
      display_name text not null,
      method text not null,
      linked_at timestamptz not null
    )`);
    this.addSql('create index user_links_upn on user_links (lower(upn))');
    this.addSql('create index user_links_aad on user_links (aad_object_id)');
  }

  override down(): void {
    this.addSql('drop table user_links');
  }
}
