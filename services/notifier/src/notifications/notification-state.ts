import { notificationContentSchema, type NotificationContent } from '@herald/contracts';
import type { MikroORM } from '@herald/persistence';

/** What a delivery must know about its notification when it goes: cancelled or not, and its latest content. */
export class NotificationState {
  constructor(private readonly database: MikroORM) {}

  async latest(notificationId: string): Promise<{ cancelled: boolean; content: NotificationContent | undefined } | undefined> {
    const rows = await this.database.em.fork().execute<{ state: string; content: unknown }[]>('select state, content from notification_status where notification_id = ?', [notificationId]);
    const row = rows[0];
    if (!row) return undefined;
    const content = notificationContentSchema.safeParse(row.content);
    return { cancelled: row.state === 'cancelled', content: content.success ? content.data : undefined };
  }
}
