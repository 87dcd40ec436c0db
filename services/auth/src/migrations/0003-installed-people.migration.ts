import { Migration } from '@herald/persistence';

/** People Teams installed Herald for in a personal chat: whom the preferences API may answer for. */
export class CreateInstalledPeople extends Migration {
  override up(): void {
    this.addSql(`create table installed_people (
      aad_object_id text primary key,
      user_id text not null,
      tenant_id text null,
      installed_at timestamptz not null
    )`);
  }

  override down(): void {
    this.addSql('drop table installed_people');
  }
}
