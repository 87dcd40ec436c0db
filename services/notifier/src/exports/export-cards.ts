import type { OutboundActivity } from '@herald/contracts';

export const FILE_CONSENT_CARD = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CARD = 'application/vnd.microsoft.teams.card.file.info';

/** What Herald puts in the consent card's accept/decline context: Teams hands it back in `fileConsent/invoke`. */
export interface ExportContext {
  readonly exportId: string;
}

/** Reads the export id back out of a `fileConsent/invoke`'s `value.context` (anything else is not an export's). */
export function exportIdOf(context: unknown): string | undefined {
  const exportId = (context as Partial<ExportContext> | null | undefined)?.exportId;
  return typeof exportId === 'string' && exportId !== '' ? exportId : undefined;
}

/**
 * Teams' file consent card ("Send and receive files using bot"): the file's name and size, Allow
 * and Decline; Teams opens an upload session in the person's OneDrive when they allow it.
 */
export function consentActivity(exportId: string, fileName: string, sizeInBytes: number, rows: number): OutboundActivity {
  const context: ExportContext = { exportId };
  return {
    type: 'message',
    attachments: [
      {
        contentType: FILE_CONSENT_CARD,
        name: fileName,
        content: {
          description: `The recipients of your message and what became of each (${rows} ${rows === 1 ? 'row' : 'rows'}), as a CSV file for Excel.`,
          sizeInBytes,
          acceptContext: context,
          declineContext: context,
        },
      },
    ],
  };
}

/** The file in the person's OneDrive, as Teams shows a shared file (the invoke's `uploadInfo`). */
export function fileInfoActivity(upload: { name: string; contentUrl: string; uniqueId: string; fileType: string }): OutboundActivity {
  return {
    type: 'message',
    attachments: [{ contentType: FILE_INFO_CARD, contentUrl: upload.contentUrl, name: upload.name, content: { uniqueId: upload.uniqueId, fileType: upload.fileType } }],
  };
}

/** What the consent card becomes once answered or expired: it can no longer be answered. */
export type ConsentOutcome = 'uploaded' | 'declined' | 'expired';

export function settledConsentActivity(outcome: ConsentOutcome, fileName: string): OutboundActivity {
  const text = {
    uploaded: `**${fileName}** was uploaded to your OneDrive.`,
    declined: `Export declined: **${fileName}** was not uploaded, and nothing of it was kept.`,
    expired: `This export offer expired: **${fileName}** was not uploaded. Ask for a new export in the console.`,
  }[outcome];
  return { type: 'message', text, textFormat: 'markdown' };
}
