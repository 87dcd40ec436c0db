import { Migration } from '@herald/persistence';

export class CreateTeamDirectory extends Migration {
  override up(): void {
    this.addSql(`create table team_channels (
      team_id text not null,
      channel_id text not null,
      name text null,
      deleted boolean not null,
      updated_at timestamptz not null,
      primary key (team_id, channel_id)
    )`);
    this.addSql(`create table team_members (
      team_id text not null,
      member_id text not null,
      aad_object_id text null,
      name text null,
      present boolean not null,
      updated_at timestamptz not null,
      primary key (team_id, member_id)
    )`);
    this.addSql('create index team_members_aad on team_members (aad_object_id) where aad_object_id is not null');
    this.addSql('create index conversation_refs_channel on conversation_refs (channel_id) where channel_id is not null');
  }

  override down(): void {
    this.addSql('drop table team_members');
    this.addSql('drop table team_channels');
    this.addSql('drop index conversation_refs_channel');
  }
}
