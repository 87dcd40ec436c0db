import type { ConsoleMessageState, ConsoleMessageView, NotificationStatus } from '@herald/contracts';
import type { ConsoleMessage } from '../console-message.js';

/** `GET /api/v1/console/messages/{id}`: the message as its authors see it. */
export function consoleMessageView(message: ConsoleMessage, state: ConsoleMessageState): ConsoleMessageView {
  return {
    id: message.id!,
    version: message.version,
    state,
    draft: message.draft!,
    author: message.author!,
    needsApproval: message.draft?.needsApproval ?? false,
    approvedBy: message.approvedBy ?? null,
    notificationId: message.notificationId ?? null,
    send: message.send ?? null,
    duplicatedFrom: message.duplicatedFrom ?? null,
    createdAt: message.createdAt!,
    updatedAt: message.updatedAt!,
  };
}

/**
 * Where the message stands for its authors. Once sent, its notification says: scheduled (not
 * yet due), sending, sent (every recipient settled) or cancelled; before the notifier has seen
 * it, its `sendAt` tells scheduled from sending.
 */
export function consoleMessageState(message: ConsoleMessage, status: Pick<NotificationStatus, 'state'> | null, now: Date): ConsoleMessageState {
  switch (message.phase) {
    case 'draft':
    case 'awaitingApproval':
    case 'cancelled':
      return message.phase;
    case 'sent':
      return sentState(message, status, now);
    default:
      throw new Error(`a ${message.phase} message has no view`);
  }
}

function sentState(message: ConsoleMessage, status: Pick<NotificationStatus, 'state'> | null, now: Date): ConsoleMessageState {
  switch (status?.state) {
    case 'completed':
      return 'sent';
    case 'cancelled':
      return 'cancelled';
    case 'resolving':
    case 'sending':
      return 'sending';
    default: {
      const sendAt = message.send?.sendAt;
      return sendAt && Date.parse(sendAt) > now.getTime() ? 'scheduled' : 'sending';
    }
  }
}
