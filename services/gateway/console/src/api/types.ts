import type { ConsoleAuthor, ConsoleDraft, ConsoleMessageState, ConsoleSend, NotificationEngagement, NotificationStatus, RecipientPage, StatusBucket } from '@herald/contracts';

export type { RecipientPage, StatusBucket };

/** `GET /messages/{id}`. */
export interface ConsoleMessage {
  id: string;
  version: number;
  state: ConsoleMessageState;
  draft: ConsoleDraft;
  author: ConsoleAuthor;
  needsApproval: boolean;
  approvedBy: ConsoleAuthor | null;
  notificationId: string | null;
  send: ConsoleSend | null;
  createdAt: string;
  updatedAt: string;
}

export interface SendAnswer {
  id: string;
  state: ConsoleMessageState;
  notificationId?: string;
}

/** `GET /exports/{exportId}`. */
export interface ExportState {
  exportId: string;
  state: 'requested' | 'offered' | 'uploaded' | 'declined' | 'expired' | 'failed';
  fileName: string;
  reason?: string;
}

/** `GET /groups`: the group search of `GET /api/v1/groups`. */
export interface GroupsAnswer {
  value: { id: string; displayName: string | null; mail: string | null; description: string | null }[];
}

/** One `event: status` of `GET /messages/{id}/events`. */
export interface StatusEvent {
  state: ConsoleMessageState;
  status: NotificationStatus | null;
  engagement: NotificationEngagement | null;
}

/** The buckets the status page counts, in this order. */
export const STATUS_BUCKETS: StatusBucket[] = ['Delivered', 'Failed', 'Unknown', 'NotInstalled', 'Skipped', 'Held'];
