import { Migration } from '@herald/persistence';

/** Teams users linked to the account they signed in with (auth's user events); `linked` false once signed out. */
export class CreateLinkedPeople extends Migration {
  override up(): void {
    this.addSql(`create table linked_people (
      teams_user_id text primary key,
      tenant_id text not null,
      aad_object_id text not null,
      upn text not null,
      linked boolean not null,
      changed_at timestamptz not null
    )`);
    this.addSql('create index linked_people_upn on linked_people (lower(upn))');
    this.addSql('create index linked_people_aad on linked_people (aad_object_id)');
  }

  override down(): void {
    this.addSql('drop table linked_people');
  }
}
