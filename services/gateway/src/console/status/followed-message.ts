import { consoleMessageEventSchema, type ConsoleMessageEvent, type ConsoleMessageState, type NotificationStatus } from '@herald/contracts';

/** What the status views need of a console message, folded from its events. */
export interface FollowedMessage {
  readonly id: string;
  readonly tenantId: string;
  readonly title: string;
  /** As its own events say: draft, awaitingApproval, sent (its notification was requested), cancelled. */
  readonly state: 'draft' | 'awaitingApproval' | 'sent' | 'cancelled';
  readonly notificationId: string | null;
  readonly sendAt: string | null;
}

/** The message its events describe; undefined when there is none (never drafted, or a deleted draft). */
export function followedMessage(id: string, events: readonly ConsoleMessageEvent[]): FollowedMessage | undefined {
  let message: FollowedMessage | undefined;
  for (const event of events) {
    switch (event.type) {
      case 'MessageDrafted':
        message = { id, tenantId: event.data.author.tenantId, title: event.data.draft.title, state: 'draft', notificationId: null, sendAt: null };
        break;
      case 'MessageDraftEdited':
        if (message) message = { ...message, title: event.data.draft.title };
        break;
      case 'MessageDraftDeleted':
        message = undefined;
        break;
      case 'MessageSubmittedForApproval':
        if (message) message = { ...message, state: 'awaitingApproval', sendAt: event.data.send.sendAt ?? null };
        break;
      case 'MessageApproved':
        break;
      case 'MessageSent':
        if (message) message = { ...message, state: 'sent', notificationId: event.data.notificationId, sendAt: event.data.send.sendAt ?? null };
        break;
      case 'MessageCancelled':
        if (message) message = { ...message, state: 'cancelled' };
        break;
      default: {
        const unexpected: never = event;
        throw new Error(`unhandled console message event ${(unexpected as ConsoleMessageEvent).type}`);
      }
    }
  }
  return message;
}

export const parseConsoleMessageEvent = (raw: unknown): ConsoleMessageEvent => consoleMessageEventSchema.parse(raw);

/**
 * Where the message stands for its author: its own state until sent; then its notification's —
 * accepted with a `sendAt` (not resolved yet) is scheduled, accepted without one or resolving /
 * sending is sending, completed is sent, cancelled is cancelled (the notifier's list says the same).
 */
export function consoleStateOf(message: FollowedMessage, status: NotificationStatus | null): ConsoleMessageState {
  if (message.state !== 'sent') return message.state;
  switch (status?.state ?? 'accepted') {
    case 'cancelled':
      return 'cancelled';
    case 'completed':
      return 'sent';
    case 'accepted':
      return message.sendAt ? 'scheduled' : 'sending';
    default:
      return 'sending';
  }
}
