import { Migration } from '@herald/persistence';

export class CreatePreferences extends Migration {
  override up(): void {
    // Topics a person unsubscribed from (the router's TopicUnsubscribed; a later TopicSubscribed removes the row).
    this.addSql(`create table topic_optouts (
      subscriber_key text not null,
      topic text not null,
      unsubscribed_at timestamptz not null,
      primary key (subscriber_key, topic)
    )`);
    // People who paused all notifications (auth's UserSettingChanged notificationsPaused).
    this.addSql(`create table paused_people (
      user_key text primary key,
      paused_at timestamptz not null
    )`);
  }

  override down(): void {
    this.addSql('drop table paused_people');
    this.addSql('drop table topic_optouts');
  }
}
