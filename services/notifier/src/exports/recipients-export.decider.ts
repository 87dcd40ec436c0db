import { deriveId, EXPORT_OFFER_HOURS, metadataFor, type Metadata, type RecipientsExportEvent } from '@herald/contracts';
import type { Decider } from '@herald/event-sourcing';
import { evolve, initialState, type RecipientsExport } from './recipients-export.js';

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Data; readonly metadata: Metadata };

/** What the notifier did or saw for an export; time and ids arrive in `metadata` (the notifier's clock). */
export type ExportCommand =
  /** The consent card went to the author's personal chat (`activityId`: Teams' id of it). */
  | Command<'RecordOffer', { exportId: string; conversationId: string; activityId?: string }>
  /** The author accepted and the file is in their OneDrive. */
  | Command<'RecordUpload', { exportId: string; fileName: string; bytes: number; rows: number; contentUrl?: string }>
  | Command<'RecordDecline', { exportId: string }>
  /** The offer's answer time is up (the scheduler's ExpireRecipientsExport). */
  | Command<'Expire', { exportId: string }>
  /** No chat reaches the author, or the upload failed for good. */
  | Command<'RecordFailure', { exportId: string; reason: string }>;

const OFFER_MS = EXPORT_OFFER_HOURS * 3_600_000;

/**
 * An export's rules: offered once, while requested; uploaded or declined only while offered (a
 * second answer, a redelivered one, changes nothing); expired only once the offer is
 * EXPORT_OFFER_HOURS old and still unanswered; failed only before it is settled. Every event's
 * id derives from the command's, so a repeated command stores nothing twice.
 */
export function decide(command: ExportCommand, state: RecipientsExport): RecipientsExportEvent[] {
  const at = command.metadata.occurredAt;
  const metadata = (type: RecipientsExportEvent['type']) => metadataFor({ id: deriveId(type, command.metadata.id), cause: command.metadata, occurredAt: new Date(at) });
  const { exportId } = command.data;
  switch (command.type) {
    case 'RecordOffer': {
      if (state.status !== 'requested') return [];
      const { conversationId, activityId } = command.data;
      return [{ type: 'RecipientsExportOffered', data: { exportId, conversationId, ...(activityId ? { activityId } : {}), offeredAt: at }, metadata: metadata('RecipientsExportOffered') }];
    }
    case 'RecordUpload': {
      if (state.status !== 'offered') return [];
      const { fileName, bytes, rows, contentUrl } = command.data;
      return [{ type: 'RecipientsExportUploaded', data: { exportId, fileName, bytes, rows, ...(contentUrl ? { contentUrl } : {}), uploadedAt: at }, metadata: metadata('RecipientsExportUploaded') }];
    }
    case 'RecordDecline':
      if (state.status !== 'offered') return [];
      return [{ type: 'RecipientsExportDeclined', data: { exportId, declinedAt: at }, metadata: metadata('RecipientsExportDeclined') }];
    case 'Expire':
      if (state.status !== 'offered' || !isDue(state, at)) return [];
      return [{ type: 'RecipientsExportExpired', data: { exportId, expiredAt: at }, metadata: metadata('RecipientsExportExpired') }];
    case 'RecordFailure':
      if (state.status !== 'requested' && state.status !== 'offered') return [];
      return [{ type: 'RecipientsExportFailed', data: { exportId, reason: command.data.reason, failedAt: at }, metadata: metadata('RecipientsExportFailed') }];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

/** When the offer's answer time is up. */
export function offerDueAt(offeredAt: string): Date {
  return new Date(Date.parse(offeredAt) + OFFER_MS);
}

const isDue = (state: RecipientsExport, at: string): boolean => state.offeredAt !== undefined && Date.parse(at) >= offerDueAt(state.offeredAt).getTime();

export const recipientsExportDecider: Decider<RecipientsExport, ExportCommand, RecipientsExportEvent> = { initialState, evolve, decide };
