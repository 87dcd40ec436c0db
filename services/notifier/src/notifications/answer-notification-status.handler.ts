import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SUBJECTS, type NotificationStatus } from '@herald/contracts';
import { DATABASE, type MikroORM } from '@herald/persistence';
import { NotificationRequests } from './notification-requests.js';

type Row = { notification_id: string; caller: string; state: NotificationStatus['state']; total: number | null; delivered: number; failed: number; unknown: number; not_installed: number; skipped: number; held: number; digested: number };

/**
 * A notification's live status for the gateway's `GET /api/v1/notifications/{id}` (request/reply);
 * null when unknown to this caller. One the projection has not reached yet — asked for right after
 * the 202 — is found in the event log and answered `accepted`.
 */
@Controller()
export class AnswerNotificationStatusHandler {
  constructor(
    @Inject(DATABASE) private readonly database: MikroORM,
    @Inject(NotificationRequests) private readonly requests: NotificationRequests,
  ) {}

  @MessagePattern(SUBJECTS.notificationStatusRequest)
  async answer(@Payload() payload: { data: { id: string; caller: string } }): Promise<NotificationStatus | null> {
    const { id, caller } = payload.data;
    const rows = await this.database.em.fork().execute<Row[]>('select * from notification_status where notification_id = ? and caller = ?', [id, caller]);
    const row = rows[0];
    if (row) return statusOf(row);
    const requested = await this.requests.find(id);
    return requested?.data.caller === caller ? statusOf({ notification_id: id, caller, state: 'accepted', total: null, delivered: 0, failed: 0, unknown: 0, not_installed: 0, skipped: 0, held: 0, digested: 0 }) : null;
  }
}

/** Every recipient in exactly one place: total = settled (five buckets) + waiting (Held, Digested) + pending. */
function statusOf(row: Row): NotificationStatus {
  const buckets = { Delivered: row.delivered, Failed: row.failed, Unknown: row.unknown, NotInstalled: row.not_installed, Skipped: row.skipped, Held: row.held, Digested: row.digested };
  const settled = row.delivered + row.failed + row.unknown + row.not_installed + row.skipped;
  const waiting = row.held + row.digested;
  const total = row.total ?? settled + waiting;
  return {
    id: row.notification_id,
    state: row.state,
    total,
    sent: row.delivered,
    failed: row.failed + row.unknown + row.not_installed,
    skipped: row.skipped,
    held: row.held,
    digested: row.digested,
    pending: Math.max(total - settled - waiting, 0),
    buckets,
  };
}
