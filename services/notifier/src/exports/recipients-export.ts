import type { ConsoleAuthor, RecipientsExportEvent } from '@herald/contracts';

/** Where an export stands: none yet, requested, offered (a consent card waits for the author), or over. */
export type ExportStatus = 'none' | 'requested' | 'offered' | 'uploaded' | 'declined' | 'expired' | 'failed';

export interface RecipientsExport {
  readonly status: ExportStatus;
  readonly exportId?: string;
  readonly messageId?: string;
  readonly notificationId?: string;
  readonly author?: ConsoleAuthor;
  readonly fileName?: string;
  /** The author's personal chat and the consent card's activity there, once offered. */
  readonly conversationId?: string;
  readonly activityId?: string;
  readonly offeredAt?: string;
  readonly reason?: string;
}

export const initialState = (): RecipientsExport => ({ status: 'none' });

/** The export after `event` (pure; the aggregate's events folded oldest first). */
export function evolve(state: RecipientsExport, event: RecipientsExportEvent): RecipientsExport {
  switch (event.type) {
    case 'RecipientsExportRequested': {
      const { exportId, messageId, notificationId, author, fileName } = event.data;
      return { status: 'requested', exportId, messageId, notificationId, author, fileName };
    }
    case 'RecipientsExportOffered': {
      const { conversationId, activityId, offeredAt } = event.data;
      return { ...state, status: 'offered', conversationId, offeredAt, ...(activityId ? { activityId } : {}) };
    }
    case 'RecipientsExportUploaded':
      return { ...state, status: 'uploaded', fileName: event.data.fileName };
    case 'RecipientsExportDeclined':
      return { ...state, status: 'declined' };
    case 'RecipientsExportExpired':
      return { ...state, status: 'expired' };
    case 'RecipientsExportFailed':
      return { ...state, status: 'failed', reason: event.data.reason };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** Whether the export is over: nothing more happens to it. */
export const isSettled = (state: RecipientsExport): boolean => ['uploaded', 'declined', 'expired', 'failed'].includes(state.status);
