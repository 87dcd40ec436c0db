import { Migration } from '@herald/persistence';

export class CreateConversationRefs extends Migration {
  override up(): void {
    this.addSql(`create table conversation_refs (
      conversation_id text primary key,
      kind text not null check (kind in ('personal', 'groupChat', 'channel')),
      tenant_id text null,
      service_url text not null,
      bot_id text null,
      user_id text null,
      user_aad_object_id text null,
      team_id text null,
      team_name text null,
      channel_id text null,
      channel_name text null,
      installed boolean not null,
      last_activity_at timestamptz not null
    )`);
    this.addSql('create index conversation_refs_user_aad on conversation_refs (user_aad_object_id) where user_aad_object_id is not null');
    this.addSql('create index conversation_refs_team on conversation_refs (team_id) where team_id is not null');
  }

  override down(): void {
    this.addSql('drop table conversation_refs');
  }
}
