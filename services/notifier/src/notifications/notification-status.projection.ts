import { notificationEventSchema, SUBJECTS, type NotificationEvent, type RecipientHeld, type RecipientSettled, type StatusBucket } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';

export const NOTIFICATION_STATUS = 'notification-status';

const COUNTER: Record<StatusBucket, string> = { Delivered: 'delivered', Failed: 'failed', Unknown: 'unknown', NotInstalled: 'not_installed', Skipped: 'skipped', Held: 'held', Digested: 'digested' };
const WAITING: ReadonlySet<string> = new Set(['Held', 'Digested']);
const SETTLED = 'delivered + failed + unknown + not_installed + skipped';

/** Bot Connector codes that mean "this conversation cannot be reached until Herald is installed again". */
export const STALE_CODES = new Set(['BotNotInConversationRoster', 'ConversationBlockedByUser', 'BotDisabledByAdmin', 'ConversationNotFound']);

/**
 * `notification_status` (live counts per bucket, lifecycle) and `notification_recipients` (one
 * row per recipient) from the NOTIFICATIONS stream. A recipient counts once, in one bucket at a
 * time: waiting (Held, Digested) until it settles, then settled for good — a second
 * RecipientSettled for it (a redelivered command), or a late RecipientHeld, changes nothing.
 */
export function notificationStatusProjection(stream: string): Projection<NotificationEvent> {
  return {
    name: NOTIFICATION_STATUS,
    stream,
    filter: SUBJECTS.notifications,
    parse: (body) => notificationEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) await project(em, event);
    },
  };
}

async function project(em: EntityManager, event: NotificationEvent): Promise<void> {
  const { notificationId } = event.data;
  switch (event.type) {
    case 'NotificationRequested':
      await em.execute(
        `insert into notification_status (notification_id, caller, state, requested_at, content, callback_url) values (?, ?, 'accepted', ?, ?, ?) on conflict do nothing`,
        [notificationId, event.data.caller, event.data.requestedAt, JSON.stringify(event.data.content), event.data.callbackUrl ?? null],
      );
      return;
    case 'NotificationDue':
      // Its time came: resolution follows (NotificationResolved), nothing to count yet.
      return;
    case 'RecipientRetrying':
      await history(em, event.data, event.metadata.occurredAt, 'Retrying', event.data.code);
      return;
    case 'NotificationUpdated':
      await em.execute('update notification_status set content = ? where notification_id = ?', [JSON.stringify(event.data.content), notificationId]);
      return;
    case 'NotificationCancelled':
      await em.execute(`update notification_status set state = 'cancelled', completed_at = coalesce(completed_at, ?) where notification_id = ? and state <> 'completed'`, [event.data.cancelledAt, notificationId]);
      break;
    case 'NotificationDeleted':
      await em.execute(`update notification_status set deleted_at = ?, state = case when state = 'completed' then state else 'cancelled' end where notification_id = ?`, [event.data.deletedAt, notificationId]);
      return;
    case 'NotificationResolved':
      await em.execute(`update notification_status set total = ?, state = case when state = 'accepted' then 'sending' else state end where notification_id = ?`, [event.data.total, notificationId]);
      break;
    case 'RecipientHeld':
      await placeRecipient(em, event);
      return;
    case 'RecipientSettled': {
      const { bucket, code, conversationId } = event.data;
      if (!(await placeRecipient(em, event))) return;
      if (bucket === 'Failed' && code && conversationId && STALE_CODES.has(code)) {
        await em.execute(
          'insert into stale_conversations (conversation_id, code, refused_at) values (?, ?, ?) on conflict (conversation_id) do update set code = excluded.code, refused_at = excluded.refused_at',
          [conversationId, code, event.metadata.occurredAt],
        );
      }
      break;
    }
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled notification event ${(unexpected as NotificationEvent).type}`);
    }
  }
  await em.execute(
    `update notification_status set state = 'completed', completed_at = now() where notification_id = ? and total is not null and ${SETTLED} >= total and state in ('accepted', 'sending')`,
    [notificationId],
  );
  // Every recipient settled (completed, or cancelled and the rest skipped): the app hears it once.
  const finished = await em.execute<{ callback_url: string | null; state: string }[]>(
    `update notification_status set finish_reported = true where notification_id = ? and not finish_reported and total is not null and ${SETTLED} >= total
     returning callback_url, state`,
    [notificationId],
  );
  if (finished[0]?.callback_url) await queueWebhook(em, notificationId, `notification.${finished[0].state}`);
}

/** Moves the recipient into the event's bucket (and its count along), unless it settled already: false then. */
async function placeRecipient(em: EntityManager, event: RecipientHeld | RecipientSettled): Promise<boolean> {
  const { notificationId, recipientKey, bucket, code } = event.data;
  const rows = await em.execute<{ bucket: StatusBucket }[]>('select bucket from notification_recipients where notification_id = ? and recipient_key = ? for update', [notificationId, recipientKey]);
  const before = rows[0]?.bucket;
  if (before !== undefined && !WAITING.has(before)) return false;
  if (before === bucket) return true;
  const settled = event.type === 'RecipientSettled' ? event.data : undefined;
  await em.execute(
    `insert into notification_recipients (notification_id, recipient_key, bucket, code, conversation_id, activity_id, attempts, settled_at) values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (notification_id, recipient_key) do update set bucket = excluded.bucket, code = excluded.code, conversation_id = excluded.conversation_id,
       activity_id = excluded.activity_id, attempts = excluded.attempts, settled_at = excluded.settled_at`,
    [notificationId, recipientKey, bucket, code ?? null, settled?.conversationId ?? null, settled?.activityId ?? null, settled?.attempts ?? 0, event.metadata.occurredAt],
  );
  const moves = [...(before ? [`${COUNTER[before]} = ${COUNTER[before]} - 1`] : []), `${COUNTER[bucket]} = ${COUNTER[bucket]} + 1`];
  await em.execute(`update notification_status set ${moves.join(', ')} where notification_id = ?`, [notificationId]);
  await history(em, event.data, event.metadata.occurredAt, bucket, code);
  return true;
}

async function history(em: EntityManager, recipient: { notificationId: string; recipientKey: string }, at: string, status: string, code: string | undefined): Promise<void> {
  await em.execute('insert into notification_recipient_history (notification_id, recipient_key, at, status, code) values (?, ?, ?, ?, ?)', [recipient.notificationId, recipient.recipientKey, at, status, code ?? null]);
}

/** The app's delivery webhook, queued in the transaction that reached the state it reports (see webhook-outbox.ts). */
async function queueWebhook(em: EntityManager, notificationId: string, kind: string): Promise<void> {
  await em.execute('insert into webhook_outbox (id, notification_id, kind) values (?, ?, ?) on conflict do nothing', [`${notificationId}:${kind}`, notificationId, kind]);
}
