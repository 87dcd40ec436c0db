import { randomUUID } from 'node:crypto';
import * as templating from 'adaptivecards-templating';
import { adaptiveCardSchema, deriveId, metadataFor, type NotificationContent, type NotificationRequest, type NotificationRequested } from '@herald/contracts';
import { currentTraceparent } from '@herald/messaging';
import { Problem } from '../problem-details.filter.js';

/** Teams refuses a bot message over 100 KB, counted as UTF-16 (413 MessageSizeTooBig). */
const TEAMS_MESSAGE_LIMIT_BYTES = 100 * 1024;

/** Same caller + same idempotency key → same id; otherwise a new one. */
export function notificationIdFor(caller: string, request: Pick<NotificationRequest, 'idempotencyKey'>): string {
  return request.idempotencyKey ? deriveId('Notification', caller, request.idempotencyKey) : randomUUID();
}

/** The event the API stores: content bound once (the card's `${...}` expressions against `data`). */
export function notificationRequested(id: string, caller: string, request: NotificationRequest, now: Date, requestDigest?: string): NotificationRequested {
  return {
    type: 'NotificationRequested',
    data: {
      notificationId: id,
      caller,
      recipients: request.recipients,
      content: boundContent(request),
      ...(request.topic ? { topic: request.topic } : {}),
      ...(request.callbackUrl ? { callbackUrl: request.callbackUrl } : {}),
      ...(request.sendAt ? { sendAt: request.sendAt } : {}),
      requestedAt: now.toISOString(),
      ...(requestDigest ? { requestDigest } : {}),
    },
    metadata: metadataFor({ id: deriveId('NotificationRequested', id), occurredAt: now, traceparent: currentTraceparent() }),
  };
}

/** The content to send: the card's `${...}` expressions bound to `data` once, here (400 naming the card when one cannot be). */
export function boundContent(request: Pick<NotificationRequest, 'text' | 'card' | 'data'>): NotificationContent {
  const card = request.card && request.data ? bound(request.card, request.data) : request.card;
  return { ...(request.text ? { text: request.text } : {}), ...(card ? { card } : {}) };
}

function bound(card: NonNullable<NotificationRequest['card']>, data: Record<string, unknown>): NotificationContent['card'] {
  let result: unknown;
  try {
    result = new templating.Template(card).expand({ $root: data });
  } catch (error) {
    throw new Problem(400, `card: an expression cannot be bound to data (${String((error as Error)?.message ?? error).slice(0, 200)})`, {}, 'card');
  }
  // A root `$data` array repeats the whole card, a false root `$when` removes it: neither can be sent.
  const parsed = adaptiveCardSchema.safeParse(result);
  if (!parsed.success) throw new Problem(400, 'card: bound to data, it is no longer one Adaptive Card (a root "$data" array or "$when")', {}, 'card');
  // A `$data` over a long list (or lists within lists) can grow a card without bound.
  if (JSON.stringify(parsed.data).length * 2 > TEAMS_MESSAGE_LIMIT_BYTES) throw new Problem(400, 'card: bound to data, it is larger than a Teams message may be (100 KB as UTF-16)', {}, 'card');
  return parsed.data;
}
