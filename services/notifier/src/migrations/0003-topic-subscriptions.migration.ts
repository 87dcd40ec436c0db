import { Migration } from '@herald/persistence';

export class CreateTopicSubscriptions extends Migration {
  override up(): void {
    this.addSql(`create table topic_subscriptions (
      subscriber_key text not null,
      topic text not null,
      user_id text not null,
      aad_object_id text null,
      tenant_id text null,
      conversation_id text not null,
      subscribed_at timestamptz not null,
      primary key (subscriber_key, topic)
    )`);
    this.addSql('create index topic_subscriptions_topic on topic_subscriptions (topic)');
  }

  override down(): void {
    this.addSql('drop table topic_subscriptions');
  }
}
