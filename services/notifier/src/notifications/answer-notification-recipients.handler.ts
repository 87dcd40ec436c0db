import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SUBJECTS, type RecipientPage, type RecipientReport } from '@herald/contracts';
import { DATABASE, type MikroORM } from '@herald/persistence';
import { NotificationRequests } from './notification-requests.js';

type Query = { id: string; caller: string; bucket?: string; after?: string; limit?: number };
type Row = { recipient_key: string; bucket: RecipientReport['bucket']; code: string | null; conversation_id: string | null; attempts: number; settled_at: Date; history: RecipientReport['history'] | null };

/**
 * A page of a notification's recipients, each with its bucket and history (request/reply, for the
 * gateway's `GET /api/v1/notifications/{id}/recipients`): which people failed, and why. Null when
 * the notification is not this caller's.
 */
@Controller()
export class AnswerNotificationRecipientsHandler {
  constructor(
    @Inject(DATABASE) private readonly database: MikroORM,
    @Inject(NotificationRequests) private readonly requests: NotificationRequests,
  ) {}

  @MessagePattern(SUBJECTS.notificationRecipientsRequest)
  async answer(@Payload() payload: { data: Query }): Promise<RecipientPage | null> {
    const { id, caller, bucket, after, limit } = payload.data;
    const em = this.database.em.fork();
    const owned = await em.execute<unknown[]>('select 1 from notification_status where notification_id = ? and caller = ?', [id, caller]);
    // Not projected yet (asked for right after the 202): the event log says whose it is; nobody has settled.
    if (owned.length === 0) return (await this.requests.find(id))?.data.caller === caller ? { recipients: [], next: null } : null;
    const pageSize = Math.min(Math.max(limit ?? 100, 1), 500);
    const rows = await em.execute<Row[]>(
      `select r.recipient_key, r.bucket, r.code, r.conversation_id, r.attempts, r.settled_at,
         (select json_agg(json_build_object('at', h.at, 'status', h.status, 'code', h.code) order by h.at)
            from notification_recipient_history h where h.notification_id = r.notification_id and h.recipient_key = r.recipient_key) as history
       from notification_recipients r
       where r.notification_id = ? and r.recipient_key > ? ${bucket ? 'and r.bucket = ?' : ''}
       order by r.recipient_key limit ${pageSize}`,
      bucket ? [id, after ?? '', bucket] : [id, after ?? ''],
    );
    const recipients = rows.map((row) => ({
      recipientKey: row.recipient_key,
      bucket: row.bucket,
      code: row.code,
      conversationId: row.conversation_id,
      attempts: row.attempts,
      settledAt: new Date(row.settled_at).toISOString(),
      history: (row.history ?? []).map((entry) => ({ at: new Date(entry.at).toISOString(), status: entry.status, ...(entry.code ? { code: entry.code } : {}) })),
    }));
    return { recipients, next: rows.length === pageSize ? rows.at(-1)!.recipient_key : null };
  }
}
