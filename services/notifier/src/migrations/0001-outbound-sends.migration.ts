import { Migration } from '@herald/persistence';

export class CreateOutboundSends extends Migration {
  override up(): void {
    this.addSql(`create table outbound_sends (
      command_id varchar(255) primary key,
      conversation_id text not null,
      state text not null check (state in ('in_flight', 'retrying', 'delivered', 'failed', 'unknown')),
      attempts integer not null,
      activity_id text null,
      code text null,
      updated_at timestamptz not null
    )`);
  }

  override down(): void {
    this.addSql('drop table outbound_sends');
  }
}
