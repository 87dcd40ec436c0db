import { describe, expect, it } from 'vitest';
import { metadataFor, type RecipientsExportEvent } from '@herald/contracts';
import { exportFileName, exportViewOf } from './export-view.js';

const metadata = metadataFor({ occurredAt: new Date('2026-12-07T10:00:00Z') });
const requested: RecipientsExportEvent = {
  type: 'RecipientsExportRequested',
  data: { exportId: 'e1', messageId: 'm1', notificationId: 'console-m1', author: { aadObjectId: 'a', tenantId: 't' }, fileName: 'x.csv', requestedAt: '2026-12-07T10:00:00Z' },
  metadata,
};

describe('export view', () => {
  it('is requested, then what its last event says; a failure says why', () => {
    expect(exportViewOf([requested])).toEqual({ exportId: 'e1', state: 'requested', fileName: 'x.csv', tenantId: 't' });
    const offered: RecipientsExportEvent = { type: 'RecipientsExportOffered', data: { exportId: 'e1', conversationId: 'a:1', offeredAt: '2026-12-07T10:00:01Z' }, metadata };
    const failed: RecipientsExportEvent = { type: 'RecipientsExportFailed', data: { exportId: 'e1', reason: 'UploadSessionGone', failedAt: '2026-12-07T10:00:02Z' }, metadata };
    expect(exportViewOf([requested, offered])?.state).toBe('offered');
    expect(exportViewOf([requested, offered, failed])).toMatchObject({ state: 'failed', reason: 'UploadSessionGone' });
  });

  it('is nothing without a request', () => {
    expect(exportViewOf([])).toBeUndefined();
  });

  it('names the file after the message title, kept to letters (any script), digits and dashes', () => {
    const at = new Date('2026-12-07T10:00:00Z');
    expect(exportFileName('Quarterly update: Q4 / 2026', at)).toBe('Quarterly-update-Q4-2026-recipients-2026-12-07.csv');
    expect(exportFileName('Büro-Umzug ✨', at)).toBe('Büro-Umzug-recipients-2026-12-07.csv');
    expect(exportFileName('../../etc', at)).toBe('etc-recipients-2026-12-07.csv');
    expect(exportFileName('', at)).toBe('message-recipients-2026-12-07.csv');
  });
});
