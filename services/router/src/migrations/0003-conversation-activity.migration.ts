import { Migration } from '@herald/persistence';

export class CreateConversationActivity extends Migration {
  override up(): void {
    this.addSql(`create table conversation_activity (
      conversation_id text primary key,
      activity_type text not null,
      last_activity_at timestamptz not null
    )`);
  }

  override down(): void {
    this.addSql('drop table conversation_activity');
  }
}
