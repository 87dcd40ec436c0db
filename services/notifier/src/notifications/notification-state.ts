import { notificationContentSchema, type NotificationContent, type RecipientSettled } from '@herald/contracts';
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

  /** How the recipient settled, if the projection has it already (waiting in Held or Digested is not settled). */
  async settledOutcome(notificationId: string, recipientKey: string): Promise<Omit<RecipientSettled['data'], 'notificationId' | 'recipientKey'> | undefined> {
    const rows = await this.database.em
      .fork()
      .execute<{ bucket: RecipientSettled['data']['bucket']; code: string | null; conversation_id: string | null; activity_id: string | null; attempts: number }[]>(
        "select bucket, code, conversation_id, activity_id, attempts from notification_recipients where notification_id = ? and recipient_key = ? and bucket not in ('Held', 'Digested')",
        [notificationId, recipientKey],
      );
    const row = rows[0];
    if (!row) return undefined;
    return {
      bucket: row.bucket,
      attempts: row.attempts,
      ...(row.code ? { code: row.code } : {}),
      ...(row.conversation_id ? { conversationId: row.conversation_id } : {}),
      ...(row.activity_id ? { activityId: row.activity_id } : {}),
    };
  }
}
