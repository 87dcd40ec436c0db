import { Migration } from '@herald/persistence';

export class AddNotificationContent extends Migration {
  override up(): void {
    // The latest content (a PATCH replaces it): what deliveries still to come send.
    this.addSql(`alter table notification_status add column content jsonb null, add column deleted_at timestamptz null, add column callback_url text null`);
    // Card actions find their notification by the message they were pressed on.
    this.addSql('create index notification_recipients_message on notification_recipients (conversation_id, activity_id) where activity_id is not null');
  }

  override down(): void {
    this.addSql('drop index notification_recipients_message');
    this.addSql('alter table notification_status drop column content, drop column deleted_at, drop column callback_url');
  }
}
