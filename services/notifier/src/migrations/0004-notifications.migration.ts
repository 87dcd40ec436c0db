import { Migration } from '@herald/persistence';

export class CreateNotifications extends Migration {
  override up(): void {
    // The notifier's own directory of conversations, from CONVERSATIONS events: whom it can reach.
    this.addSql(`create table known_conversations (
      conversation_id text primary key,
      kind text not null,
      tenant_id text null,
      service_url text not null,
      bot_id text null,
      user_id text null,
      user_aad_object_id text null,
      team_id text null,
      installed boolean not null
    )`);
    this.addSql('create index known_conversations_user on known_conversations (user_id) where user_id is not null');
    this.addSql('create index known_conversations_aad on known_conversations (user_aad_object_id) where user_aad_object_id is not null');
    this.addSql('create index known_conversations_team on known_conversations (team_id) where team_id is not null');
    this.addSql(`create index known_conversations_personal on known_conversations (tenant_id, conversation_id) where kind = 'personal' and installed`);
    // Live accounting of each notification, from its events.
    this.addSql(`create table notification_status (
      notification_id text primary key,
      caller text not null,
      state text not null,
      total integer null,
      delivered integer not null default 0,
      failed integer not null default 0,
      unknown integer not null default 0,
      not_installed integer not null default 0,
      skipped integer not null default 0,
      requested_at timestamptz not null,
      completed_at timestamptz null
    )`);
    this.addSql(`create table notification_recipients (
      notification_id text not null,
      recipient_key text not null,
      bucket text not null,
      code text null,
      conversation_id text null,
      activity_id text null,
      attempts integer not null,
      settled_at timestamptz not null,
      primary key (notification_id, recipient_key)
    )`);
  }

  override down(): void {
    this.addSql('drop table notification_recipients');
    this.addSql('drop table notification_status');
    this.addSql('drop table known_conversations');
  }
}
