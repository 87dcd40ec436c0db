import { describe, expect, it } from 'vitest';
import { attachmentOf, csvField, csvRecord, CSV_HEADER } from './recipients-csv.js';

describe('the recipients CSV', () => {
  it('starts with a byte order mark and the header', () => {
    expect(CSV_HEADER).toBe('\uFEFFrecipient,bucket,reason,conversationId,attempts,settledAt\r\n');
  });

  it('quotes as RFC 4180 says: commas, quotes and line breaks', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });

  it('never lets a cell start a formula', () => {
    expect(csvField('=HYPERLINK("http://evil.example")')).toBe('"\'=HYPERLINK(""http://evil.example"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
  });

  it('writes one record per recipient, empty fields for what is unknown', () => {
    expect(csvRecord({ recipientKey: 'a:1', bucket: 'Failed', code: 'ConversationNotFound', conversationId: null, attempts: 2, settledAt: '2026-12-01T09:00:00.000Z', history: [] })).toBe(
      'a:1,Failed,ConversationNotFound,,2,2026-12-01T09:00:00.000Z\r\n',
    );
  });

  it('names the file after the title, safely', () => {
    expect(attachmentOf('Q4 update')).toBe(`attachment; filename="Q4 update-recipients.csv"; filename*=UTF-8''Q4%20update-recipients.csv`);
    expect(attachmentOf('Grüße "alle"/\r\n')).toBe(`attachment; filename="Gr__e _alle__-recipients.csv"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22alle%22_-recipients.csv`);
    expect(attachmentOf('a\r\nb')).toContain('filename="a__b-recipients.csv"');
    expect(attachmentOf('  ')).toContain('filename="message-recipients.csv"');
  });
});
