/** One recipient of a notification as the export lists it. */
export interface ExportRow {
  readonly recipient: string;
  readonly bucket: string;
  readonly reason: string | null;
  readonly conversationId: string | null;
  readonly attempts: number;
  readonly settledAt: string;
}

const HEADER = ['recipient', 'bucket', 'reason', 'conversationId', 'attempts', 'settledAt'];
/** A byte order mark: Excel reads the file as UTF-8 only with it. */
const BOM = '\uFEFF';

/**
 * The recipients as CSV (RFC 4180: CRLF line ends, a field with a comma, quote or line break
 * quoted, quotes doubled), UTF-8 with a BOM. A cell a spreadsheet would take for a formula (it
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'` (OWASP's CSV
 * injection advice).
 */
export function recipientsCsv(rows: readonly ExportRow[]): Buffer {
  const lines = [HEADER, ...rows.map((row) => [row.recipient, row.bucket, row.reason ?? '', row.conversationId ?? '', String(row.attempts), row.settledAt])];
  return Buffer.from(BOM + lines.map((cells) => cells.map(cell).join(',')).join('\r\n') + '\r\n', 'utf8');
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
