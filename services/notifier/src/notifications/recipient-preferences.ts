import type { DeliveryMode, DeliveryRequested } from '@herald/contracts';
import type { MikroORM } from '@herald/persistence';
import type { DeliveryPreferences } from '../holding/delivery-timing.js';

type Row = {
  notifications_on: boolean | null;
  time_zone: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
  delivery: DeliveryMode | null;
  subscribed: boolean | null;
  subscribed_at: Date | null;
  unsubscribed_in_chat_at: Date | null;
  subscribed_in_chat_at: Date | null;
};

const NOBODY: DeliveryPreferences = { muted: false, timeZone: undefined, quietHours: null, delivery: 'now' };

/**
 * What the person asked for, as the notifier's projections have it: notifications off, or the
 * topic unsubscribed (`Skipped(muted)`); their time zone, quiet hours, and how the topic reaches
 * them. Whether they follow a topic is whatever they said last: `unsubscribe deploys` in the chat
 * (the router's subscriptions) or their preferences (card, API).
 */
export class RecipientPreferences {
  constructor(private readonly database: MikroORM) {}

  async of(delivery: DeliveryRequested['data']): Promise<DeliveryPreferences> {
    const key = delivery.person?.aadObjectId ?? delivery.person?.userId;
    if (!key) return NOBODY;
    const rows = await this.database.em.fork().execute<Row[]>(
      `select p.notifications_on, p.time_zone, p.quiet_start, p.quiet_end, t.delivery, t.subscribed, t.subscribed_at,
              o.unsubscribed_at as unsubscribed_in_chat_at, s.subscribed_at as subscribed_in_chat_at
       from (select ?::text as user_key, ?::text as topic) k
       left join person_preferences p on p.user_key = k.user_key
       left join person_topic_preferences t on t.user_key = k.user_key and t.topic = k.topic
       left join topic_optouts o on o.subscriber_key = k.user_key and o.topic = k.topic
       left join topic_subscriptions s on s.subscriber_key = k.user_key and s.topic = k.topic`,
      [key, delivery.topic ?? ''],
    );
    const row = rows[0];
    if (!row) return NOBODY;
    return {
      muted: row.notifications_on === false || !followsTopic(row),
      timeZone: row.time_zone ?? undefined,
      quietHours: row.quiet_start && row.quiet_end ? { start: row.quiet_start, end: row.quiet_end } : null,
      delivery: row.delivery ?? 'now',
    };
  }
}

/** The latest word on the topic wins; no word at all: they follow it. */
function followsTopic(row: Row): boolean {
  const said = [
    { follows: row.subscribed, at: row.subscribed_at },
    { follows: false, at: row.unsubscribed_in_chat_at },
    { follows: true, at: row.subscribed_in_chat_at },
  ].filter((word): word is { follows: boolean; at: Date } => word.follows !== null && word.at !== null);
  const latest = said.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())[0];
  return latest?.follows ?? true;
}
