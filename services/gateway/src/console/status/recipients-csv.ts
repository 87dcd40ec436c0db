import type { RecipientReport } from '@herald/contracts';

/** The CSV's first line; a UTF-8 byte order mark before it makes spreadsheet apps read UTF-8. */
export const CSV_HEADER = '\uFEFFrecipient,bucket,reason,conversationId,attempts,settledAt\r\n';

/** One recipient as a CSV record (RFC 4180: CRLF, fields with `"`, `,` or line breaks quoted, quotes doubled). */
export function csvRecord(recipient: RecipientReport): string {
  const fields = [recipient.recipientKey, recipient.bucket, recipient.code ?? '', recipient.conversationId ?? '', String(recipient.attempts), recipient.settledAt];
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * A field made safe for spreadsheets: one starting with `=`, `+`, `-`, `@` (or a tab or carriage
 * return, which some apps strip first) would be read as a formula — it gets a leading `'` (OWASP's
 * advice on CSV injection) — then quoted when RFC 4180 requires it.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** `<title>-recipients.csv`, as a `Content-Disposition` value: an ASCII fallback and the exact name (RFC 6266 / RFC 8187). */
export function attachmentOf(title: string): string {
  const name = [...`${title.trim() || 'message'}-recipients.csv`].map((c) => (c < ' ' || c === '\u007f' || c === '/' || c === '\\' ? '_' : c)).join('');
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
