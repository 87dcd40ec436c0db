import { randomUUID } from 'node:crypto';
import { adaptiveCardSchema, deriveId, metadataFor, type NotificationContent, type NotificationRequest, type NotificationRequested } from '@herald/contracts';
import { currentTraceparent } from '@herald/messaging';
import { Problem } from '../problem-details.filter.js';
import type { CardBinder, CardBinding } from './card-binding/card-binder.js';

/** Teams refuses a bot message over 100 KB, counted as UTF-16 (413 MessageSizeTooBig). */
const TEAMS_MESSAGE_LIMIT_BYTES = 100 * 1024;

/** Same caller + same idempotency key → same id; otherwise a new one. */
export function notificationIdFor(caller: string, request: Pick<NotificationRequest, 'idempotencyKey'>): string {
  return request.idempotencyKey ? deriveId('Notification', caller, request.idempotencyKey) : randomUUID();
}

/** The event the API stores, with the content to send (`boundContent`: the card bound to `data` once). */
export function notificationRequested(id: string, caller: string, request: NotificationRequest, content: NotificationContent, now: Date, requestDigest?: string): NotificationRequested {
  return {
    type: 'NotificationRequested',
    data: {
      notificationId: id,
      caller,
      recipients: request.recipients,
      content,
      ...(request.topic ? { topic: request.topic } : {}),
      ...(request.critical ? { critical: true } : {}),
      ...(request.callbackUrl ? { callbackUrl: request.callbackUrl } : {}),
      ...(request.sendAt ? { sendAt: request.sendAt } : {}),
      requestedAt: now.toISOString(),
      ...(requestDigest ? { requestDigest } : {}),
    },
    metadata: metadataFor({ id: deriveId('NotificationRequested', id), occurredAt: now, traceparent: currentTraceparent() }),
  };
}

/**
 * The content to send: the card's `${...}` expressions bound to `data` once, here, by a card
 * binder (400 naming the card when it cannot be; 503 while every binder is busy). A card
 * without data is sent as it is.
 */
export async function boundContent(request: Pick<NotificationRequest, 'text' | 'card' | 'data'>, cards: Pick<CardBinder, 'bind'>): Promise<NotificationContent> {
  const card = request.card && request.data ? checked(await cards.bind(request.card, request.data, { maxChars: TEAMS_MESSAGE_LIMIT_BYTES / 2 })) : request.card;
  return { ...(request.text ? { text: request.text } : {}), ...(card ? { card } : {}) };
}

function checked(binding: CardBinding): NotificationContent['card'] {
  switch (binding.kind) {
    case 'failed':
      throw new Problem(400, `card: an expression cannot be bound to data (${binding.message})`, {}, 'card');
    // Lists within lists, `range(0, 10000000)`: the binder ran out of time or heap.
    case 'too-costly':
      throw new Problem(400, "card: the card's template takes too long or too much memory to bind to data", {}, 'card');
    // A `$data` over a long list (or lists within lists) can grow a card without bound.
    case 'too-large':
      throw new Problem(400, 'card: bound to data, it is larger than a Teams message may be (100 KB as UTF-16)', {}, 'card');
    case 'bound': {
      // A root `$data` array repeats the whole card, a false root `$when` removes it: neither can be sent.
      const parsed = adaptiveCardSchema.safeParse(binding.card);
      if (!parsed.success) throw new Problem(400, 'card: bound to data, it is no longer one Adaptive Card (a root "$data" array or "$when")', {}, 'card');
      return parsed.data;
    }
    default:
      return binding satisfies never;
  }
}
