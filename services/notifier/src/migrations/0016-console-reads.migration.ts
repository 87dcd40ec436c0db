import { Migration } from '@herald/persistence';

/** The messages console's reads (issue 13): its message list, engagement with notifications, and the teams Herald is in. */
export class CreateConsoleReads extends Migration {
  override up(): void {
    // One row per console message (CONSOLE stream); `state` as its own events say (draft, awaitingApproval, sent, cancelled).
    this.addSql(`create table console_messages (
      message_id text primary key,
      tenant_id text not null,
      title text not null,
      state text not null,
      author jsonb not null,
      needs_approval boolean not null,
      approved_by jsonb null,
      notification_id text null,
      send_at timestamptz null,
      time_zone text null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`);
    this.addSql('create index console_messages_newest on console_messages (tenant_id, created_at desc, message_id desc)');
    // Who acknowledged a notification's card (each person once), and the reactions standing on each message Herald sent (INTERACTIONS).
    this.addSql(`create table notification_acknowledgements (
      notification_id text not null,
      person text not null,
      acknowledged_at timestamptz not null,
      primary key (notification_id, person)
    )`);
    this.addSql(`create table message_reactions (
      message_id text not null,
      conversation_id text not null,
      person text not null,
      reaction text not null,
      primary key (message_id, conversation_id, person, reaction)
    )`);
    // The teams Herald is installed in, with their channels (CONVERSATIONS), for the console's audience picker.
    this.addSql(`create table console_teams (
      team_id text primary key,
      tenant_id text null,
      name text null,
      aad_group_id text null,
      installed boolean not null,
      deleted boolean not null default false
    )`);
    this.addSql('create index console_teams_tenant on console_teams (tenant_id) where installed and not deleted');
    this.addSql(`create table console_channels (
      channel_id text primary key,
      team_id text not null,
      name text null,
      deleted boolean not null default false
    )`);
    this.addSql('create index console_channels_team on console_channels (team_id)');
  }

  override down(): void {
    this.addSql('drop table console_channels');
    this.addSql('drop table console_teams');
    this.addSql('drop table message_reactions');
    this.addSql('drop table notification_acknowledgements');
    this.addSql('drop table console_messages');
  }
}
