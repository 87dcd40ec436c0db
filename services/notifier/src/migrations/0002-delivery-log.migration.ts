import { Migration } from '@herald/persistence';

export class CreateDeliveryLog extends Migration {
  override up(): void {
    this.addSql(`create table delivery_log (
      command_id varchar(255) primary key,
      conversation_id text not null,
      outcome text not null check (outcome in ('Delivered', 'Failed', 'Unknown')),
      code text null,
      activity_id text null,
      correlation_id text not null,
      occurred_at timestamptz not null
    )`);
    this.addSql('create index delivery_log_conversation on delivery_log (conversation_id)');
  }

  override down(): void {
    this.addSql('drop table delivery_log');
  }
}
