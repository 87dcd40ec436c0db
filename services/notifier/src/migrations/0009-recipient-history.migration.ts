import { Migration } from '@herald/persistence';

export class AddRecipientHistory extends Migration {
  override up(): void {
    // What happened to each recipient on the way to its bucket: retries (code, when), then the outcome.
    this.addSql(`create table notification_recipient_history (
      notification_id text not null,
      recipient_key text not null,
      at timestamptz not null,
      status text not null,
      code text null
    )`);
    this.addSql('create index notification_recipient_history_recipient on notification_recipient_history (notification_id, recipient_key, at)');
    this.addSql('create index notification_recipients_page on notification_recipients (notification_id, bucket, recipient_key)');
  }

  override down(): void {
    this.addSql('drop index notification_recipients_page');
    this.addSql('drop table notification_recipient_history');
  }
}
