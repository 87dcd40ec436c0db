import { Migration } from '@herald/persistence';

export class CreateKnownChannels extends Migration {
  override up(): void {
    // The channels Teams announced in each team: a `{ teamId, channelId }` recipient must name one of them.
    this.addSql(`create table known_channels (
      channel_id text primary key,
      team_id text not null,
      deleted boolean not null default false
    )`);
  }

  override down(): void {
    this.addSql('drop table known_channels');
  }
}
