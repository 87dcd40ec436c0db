import type { MikroORM } from '@herald/persistence';
import type { ExportRow } from './recipients-csv.js';

type Row = { recipient_key: string; bucket: string; code: string | null; conversation_id: string | null; attempts: number; settled_at: Date };

/** A notification's recipients as the notifier recorded their outcomes (`notification_recipients`), for an export. */
export class ExportRecipients {
  constructor(private readonly database: MikroORM) {}

  async of(notificationId: string): Promise<ExportRow[]> {
    const rows = await this.database.em
      .fork()
      .execute<Row[]>('select recipient_key, bucket, code, conversation_id, attempts, settled_at from notification_recipients where notification_id = ? order by recipient_key', [notificationId]);
    return rows.map((row) => ({
      recipient: row.recipient_key,
      bucket: row.bucket,
      reason: row.code,
      conversationId: row.conversation_id,
      attempts: row.attempts,
      settledAt: new Date(row.settled_at).toISOString(),
    }));
  }
}
