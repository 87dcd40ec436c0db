import { Migration } from '@herald/persistence';

export class CreateStaleConversations extends Migration {
  override up(): void {
    this.addSql('alter table known_conversations add column installed_at timestamptz null');
    // Conversations the Bot Connector refused for good (403 roster/blocked/disabled, 404 not found), until installed again.
    this.addSql(`create table stale_conversations (
      conversation_id text primary key,
      code text not null,
      refused_at timestamptz not null
    )`);
  }

  override down(): void {
    this.addSql('drop table stale_conversations');
    this.addSql('alter table known_conversations drop column installed_at');
  }
}
