import { describe, expect, it } from 'vitest';
import { recipientsCsv, type ExportRow } from './recipients-csv.js';

const row = (overrides: Partial<ExportRow> = {}): ExportRow => ({ recipient: 'a:1', bucket: 'Delivered', reason: null, conversationId: 'a:1', attempts: 1, settledAt: '2026-12-07T10:00:00.000Z', ...overrides });

describe('recipients CSV', () => {
  it('starts with a UTF-8 BOM and the header, one CRLF-ended line per recipient', () => {
    const csv = recipientsCsv([row(), row({ recipient: 'aad:x', bucket: 'NotInstalled', reason: 'NoConversation', conversationId: null, attempts: 0 })]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8').slice(1)).toBe(
      'recipient,bucket,reason,conversationId,attempts,settledAt\r\na:1,Delivered,,a:1,1,2026-12-07T10:00:00.000Z\r\naad:x,NotInstalled,NoConversation,,0,2026-12-07T10:00:00.000Z\r\n',
    );
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const text = recipientsCsv([row({ reason: 'said "no", twice\nreally' })]).toString('utf8');
    expect(text).toContain(',"said ""no"", twice\nreally",');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    const text = recipientsCsv([row({ recipient: '=HYPERLINK("http://x")', reason: '+1', conversationId: '-2' }), row({ recipient: '@SUM(A1)' })]).toString('utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")",Delivered,'+1,'-2,`);
    expect(text).toContain("'@SUM(A1),");
  });

  it('keeps non-ASCII names intact', () => {
    expect(recipientsCsv([row({ recipient: 'upn:zoë@contoso.com' })]).toString('utf8')).toContain('upn:zoë@contoso.com');
  });
});
