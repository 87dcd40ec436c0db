import type { ConsoleExportState, ConsoleMessageEvent, RecipientsExportEvent } from '@herald/contracts';

/** `GET /api/v1/console/exports/{exportId}`: where an export stands. */
export interface ExportView extends Readonly<ConsoleExportState> {
  /** Whose tenant it is (not answered: the caller's own). */
  readonly tenantId: string;
}

const STATE_OF = {
  RecipientsExportOffered: 'offered',
  RecipientsExportUploaded: 'uploaded',
  RecipientsExportDeclined: 'declined',
  RecipientsExportExpired: 'expired',
  RecipientsExportFailed: 'failed',
} as const;

/** The export as its events tell it (pure); undefined when it was never requested. */
export function exportViewOf(events: readonly RecipientsExportEvent[]): ExportView | undefined {
  const [first, ...rest] = events;
  if (first?.type !== 'RecipientsExportRequested') return undefined;
  let view: ExportView = { exportId: first.data.exportId, state: 'requested', fileName: first.data.fileName, tenantId: first.data.author.tenantId };
  for (const event of rest) {
    if (event.type === 'RecipientsExportRequested') continue;
    view = { ...view, state: STATE_OF[event.type], ...(event.type === 'RecipientsExportUploaded' ? { fileName: event.data.fileName } : {}), ...(event.type === 'RecipientsExportFailed' ? { reason: event.data.reason } : {}) };
  }
  return view;
}

/** What an export needs of a console message: its tenant, its title, and its notification once sent. */
export interface SentMessage {
  readonly tenantId: string | undefined;
  readonly title: string;
  readonly notificationId: string | undefined;
}

/** The console message as its events tell it (pure). */
export function sentMessageOf(events: readonly ConsoleMessageEvent[]): SentMessage | undefined {
  let message: SentMessage | undefined;
  for (const event of events) {
    if (event.type === 'MessageDrafted') message = { tenantId: event.data.author.tenantId, title: event.data.draft.title, notificationId: undefined };
    else if (message && event.type === 'MessageDraftEdited') message = { ...message, title: event.data.draft.title };
    else if (message && event.type === 'MessageSent') message = { ...message, notificationId: event.data.notificationId };
  }
  return message;
}

/** `<title>-recipients-<yyyy-mm-dd>.csv`, the title kept to letters (any script), digits and dashes (a file name OneDrive and every OS accept). */
export function exportFileName(title: string, at: Date): string {
  const slug = title.normalize('NFC').replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'message';
  return `${slug}-recipients-${at.toISOString().slice(0, 10)}.csv`;
}
