import { Migration } from '@herald/persistence';

/** Each tenant's Entra directory as graph-sync read it (DIRECTORY events): whom `allUsers`, `upn` and `aadObjectId` reach. */
export class CreateDirectoryPeople extends Migration {
  override up(): void {
    this.addSql(`create table directory_people (
      tenant_id text not null,
      aad_object_id text not null,
      upn text,
      display_name text,
      account_enabled boolean not null,
      guest boolean not null,
      changed_at timestamptz not null,
      primary key (tenant_id, aad_object_id)
    )`);
    this.addSql('create index directory_people_upn on directory_people (upn)');
  }

  override down(): void {
    this.addSql('drop table directory_people');
  }
}
