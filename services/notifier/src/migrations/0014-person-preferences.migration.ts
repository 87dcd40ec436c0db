import { Migration } from '@herald/persistence';

export class CreatePersonPreferences extends Migration {
  override up(): void {
    // What the notifier obeys of each person's preferences (auth's settings events; replaces paused_people,
    // which stays until every replica runs this version, then goes in a later migration).
    this.addSql(`create table person_preferences (
      user_key text primary key,
      notifications_on boolean not null default true,
      time_zone text null,
      quiet_start text null,
      quiet_end text null,
      changed_at timestamptz not null
    )`);
    this.addSql(`create table person_topic_preferences (
      user_key text not null,
      topic text not null,
      subscribed boolean null,
      subscribed_at timestamptz null,
      delivery text null,
      primary key (user_key, topic)
    )`);
    // Deliveries waiting: in the person's quiet hours until `until`, or in a digest (`digest_key`).
    this.addSql(`create table held_deliveries (
      command_id text primary key,
      notification_id text not null,
      recipient_key text not null,
      reason text not null,
      until timestamptz not null,
      digest_key text null,
      command jsonb not null,
      held_at timestamptz not null,
      settled_at timestamptz null
    )`);
    this.addSql('create index held_deliveries_digest on held_deliveries (digest_key) where digest_key is not null');
    // One per person and digest period: open while notifications join it, closed once its card goes.
    this.addSql(`create table digests (
      digest_key text primary key,
      person_key text not null,
      mode text not null,
      due_at timestamptz not null,
      state text not null,
      created_at timestamptz not null default now()
    )`);
    // Recipients waiting, counted apart from the settled ones.
    this.addSql('alter table notification_status add column held integer not null default 0, add column digested integer not null default 0');
  }

  override down(): void {
    this.addSql('alter table notification_status drop column held, drop column digested');
    this.addSql('drop table digests');
    this.addSql('drop table held_deliveries');
    this.addSql('drop table person_topic_preferences');
    this.addSql('drop table person_preferences');
  }
}
