import type { ConsoleAuthor, ConsoleDraft, ConsoleMessageEvent, ConsoleSend } from '@herald/contracts';

/**
 * Where a console message is in its own life: `none` before its first event, `draft` while it
 * can be edited, `awaitingApproval` until another author approves it, `sent` once its
 * notification was requested (scheduled, sending or done: the notification knows which),
 * `cancelled`, `deleted`.
 */
export type ConsoleMessagePhase = 'none' | 'draft' | 'deleted' | 'awaitingApproval' | 'sent' | 'cancelled';

/** A console message as its events tell it. */
export interface ConsoleMessage {
  readonly phase: ConsoleMessagePhase;
  readonly id: string | undefined;
  /** How many events it has: what `PUT` must name to edit it (optimistic concurrency). */
  readonly version: number;
  readonly draft: ConsoleDraft | undefined;
  /** Who drafted it: its tenant is the message's tenant. */
  readonly author: ConsoleAuthor | undefined;
  readonly duplicatedFrom: string | undefined;
  /** Who sent it (or submitted it for approval). */
  readonly sentBy: ConsoleAuthor | undefined;
  readonly approvedBy: ConsoleAuthor | undefined;
  readonly send: ConsoleSend | undefined;
  readonly notificationId: string | undefined;
  readonly createdAt: string | undefined;
  readonly updatedAt: string | undefined;
}

export const initialState = (): ConsoleMessage => ({
  phase: 'none',
  id: undefined,
  version: 0,
  draft: undefined,
  author: undefined,
  duplicatedFrom: undefined,
  sentBy: undefined,
  approvedBy: undefined,
  send: undefined,
  notificationId: undefined,
  createdAt: undefined,
  updatedAt: undefined,
});

export function evolve(state: ConsoleMessage, event: ConsoleMessageEvent): ConsoleMessage {
  const next = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'MessageDrafted': {
      const { messageId, author, draft, duplicatedFrom, draftedAt } = event.data;
      return { ...next, phase: 'draft', id: messageId, author, draft, duplicatedFrom, createdAt: draftedAt, updatedAt: draftedAt };
    }
    case 'MessageDraftEdited':
      return { ...next, draft: event.data.draft, updatedAt: event.data.editedAt };
    case 'MessageDraftDeleted':
      return { ...next, phase: 'deleted', updatedAt: event.data.deletedAt };
    case 'MessageSubmittedForApproval':
      return { ...next, phase: 'awaitingApproval', sentBy: event.data.author, send: event.data.send, updatedAt: event.data.submittedAt };
    case 'MessageApproved':
      return { ...next, approvedBy: event.data.approver, updatedAt: event.data.approvedAt };
    case 'MessageSent':
      return { ...next, phase: 'sent', sentBy: event.data.author, send: event.data.send, notificationId: event.data.notificationId, updatedAt: event.data.sentAt };
    case 'MessageCancelled':
      return { ...next, phase: 'cancelled', updatedAt: event.data.cancelledAt };
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled console message event ${(unexpected as { type: string }).type}`);
    }
  }
}

/** The notification a console message becomes (caller `console` of the notification API): one per message, so a retried send is the same one. */
export function consoleNotificationId(messageId: string): string {
  return `console-${messageId}`;
}

/** When a message goes: at its `sendAt` while that is ahead of `now`; at once when it passed (while the message waited for approval). */
export function stillAhead(send: ConsoleSend, now: string): ConsoleSend {
  if (!send.sendAt || Date.parse(send.sendAt) > Date.parse(now)) return send;
  const { sendAt: _passed, ...rest } = send;
  return rest;
}
