import { Migration } from '@herald/persistence';

export class CreateScheduledMessages extends Migration {
  override up(): void {
    // Messages to publish later: kept here, not in held JetStream messages (scheduling/scheduled-messages.ts).
    this.addSql(`create table scheduled_messages (
      id text primary key,
      due_at timestamptz not null,
      subject text not null,
      message jsonb not null,
      scheduled_at timestamptz not null default now()
    )`);
    this.addSql('create index scheduled_messages_due on scheduled_messages (due_at)');
  }

  override down(): void {
    this.addSql('drop table scheduled_messages');
  }
}
