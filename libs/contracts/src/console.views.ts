import type { ConsoleAuthor, ConsoleDraft, ConsoleMessageState, ConsoleSend, NotificationEngagement } from './console.messages.js';
import type { NotificationStatus } from './notification.messages.js';

/**
 * What the gateway's console API answers over HTTP (`/api/v1/console/…`): one definition for the
 * gateway that writes these answers and the console app that reads them.
 */

/** `GET /messages/{id}`: the message as its authors see it. */
export interface ConsoleMessageView {
  id: string;
  version: number;
  state: ConsoleMessageState;
  draft: ConsoleDraft;
  author: ConsoleAuthor;
  needsApproval: boolean;
  approvedBy: ConsoleAuthor | null;
  notificationId: string | null;
  send: ConsoleSend | null;
  duplicatedFrom: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What `POST /messages/{id}/send` and `…/approve` answer (202). */
export interface ConsoleSendAnswer {
  id: string;
  /** The message's version after the write (as every write answers it). */
  version: number;
  state: ConsoleMessageState;
  notificationId?: string;
}

/** One `event: status` of `GET /messages/{id}/events`. */
export interface ConsoleStatusSnapshot {
  state: ConsoleMessageState;
  status: NotificationStatus | null;
  engagement: NotificationEngagement | null;
}

/** `GET /exports/{exportId}`: where an export stands. */
export interface ConsoleExportState {
  exportId: string;
  state: 'requested' | 'offered' | 'uploaded' | 'declined' | 'expired' | 'failed';
  fileName: string;
  reason?: string;
}
