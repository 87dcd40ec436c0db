import { Migration } from '@herald/persistence';

export class CreateWebhookOutbox extends Migration {
  override up(): void {
    // Webhooks to send: written in the same transaction as the state they report, sent (at least once) by the outbox worker.
    this.addSql(`create table webhook_outbox (
      id text primary key,
      notification_id text not null,
      kind text not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text null
    )`);
    this.addSql('create index webhook_outbox_due on webhook_outbox (next_attempt_at)');
    this.addSql('alter table notification_status add column finish_reported boolean not null default false');
  }

  override down(): void {
    this.addSql('alter table notification_status drop column finish_reported');
    this.addSql('drop table webhook_outbox');
  }
}
