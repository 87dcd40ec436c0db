import type { DeliveryRequested } from '@herald/contracts';
import type { MikroORM } from '@herald/persistence';

/**
 * What the person asked for: a notification on a topic they unsubscribed from, or any
 * notification while they paused them all, is not sent (`Skipped(muted)`). Quiet hours (the user
 * settings issue) belong here too: a send inside them would wait rather than be skipped.
 */
export class RecipientPreferences {
  constructor(private readonly database: MikroORM) {}

  async skipReason(delivery: DeliveryRequested['data']): Promise<'muted' | undefined> {
    const key = delivery.person?.aadObjectId ?? delivery.person?.userId;
    if (!key) return undefined;
    const rows = await this.database.em.fork().execute<{ muted: boolean }[]>(
      `select exists (select 1 from paused_people where user_key = ?)
           or exists (select 1 from topic_optouts where subscriber_key = ? and topic = ?) as muted`,
      [key, key, delivery.topic ?? ''],
    );
    return rows[0]?.muted ? 'muted' : undefined;
  }
}
