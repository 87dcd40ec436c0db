import { Migration } from '@herald/persistence';

/** Each person's preferences, as their settings events add up (auth's `user_preferences` projection). */
export class CreateUserPreferences extends Migration {
  override up(): void {
    this.addSql(`create table user_preferences (
      user_key text primary key,
      user_id text not null,
      aad_object_id text null,
      tenant_id text null,
      notifications text not null,
      time_zone text null,
      locale text null,
      quiet_start text null,
      quiet_end text null,
      topics jsonb not null,
      changed_at timestamptz not null
    )`);
    this.addSql('create index user_preferences_aad on user_preferences (aad_object_id) where aad_object_id is not null');
  }

  override down(): void {
    this.addSql('drop table user_preferences');
  }
}
