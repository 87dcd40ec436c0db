import { describe, expect, it } from 'vitest';
import { metadataFor, type RecipientsExportEvent } from '@herald/contracts';
import { decide, offerDueAt, type ExportCommand } from './recipients-export.decider.js';
import { evolve, initialState, isSettled } from './recipients-export.js';

const EXPORT = 'exp-1';
const T0 = '2026-12-07T10:00:00.000Z';
const at = (iso: string, id: string) => metadataFor({ id, occurredAt: new Date(iso) });
const given = (...events: RecipientsExportEvent[]) => events.reduce(evolve, initialState());

const requested: RecipientsExportEvent = {
  type: 'RecipientsExportRequested',
  data: { exportId: EXPORT, messageId: 'm1', notificationId: 'console-m1', author: { aadObjectId: 'aad-1', tenantId: 't1' }, fileName: 'recipients.csv', requestedAt: T0 },
  metadata: at(T0, 'requested'),
};
const offer: ExportCommand = { type: 'RecordOffer', data: { exportId: EXPORT, conversationId: 'a:chat', activityId: '17' }, metadata: at(T0, 'offer') };
const [offered] = decide(offer, given(requested)) as [RecipientsExportEvent];
const upload = (id = 'upload'): ExportCommand => ({ type: 'RecordUpload', data: { exportId: EXPORT, fileName: 'recipients.csv', bytes: 120, rows: 3 }, metadata: at('2026-12-07T11:00:00Z', id) });
const decline: ExportCommand = { type: 'RecordDecline', data: { exportId: EXPORT }, metadata: at('2026-12-07T11:00:00Z', 'decline') };
const expire = (iso: string): ExportCommand => ({ type: 'Expire', data: { exportId: EXPORT }, metadata: at(iso, `expire-${iso}`) });

describe('recipients export decider', () => {
  it('given requested, when the card is offered, then RecipientsExportOffered with the chat and activity; offering again changes nothing', () => {
    expect(offered).toMatchObject({ type: 'RecipientsExportOffered', data: { exportId: EXPORT, conversationId: 'a:chat', activityId: '17', offeredAt: T0 } });
    expect(decide(offer, given(requested, offered))).toEqual([]);
  });

  it('given offered, when accepted and uploaded, then RecipientsExportUploaded once: a redelivered answer changes nothing', () => {
    const [uploaded] = decide(upload(), given(requested, offered));
    expect(uploaded).toMatchObject({ type: 'RecipientsExportUploaded', data: { exportId: EXPORT, bytes: 120, rows: 3 } });
    const after = given(requested, offered, uploaded!);
    expect(isSettled(after)).toBe(true);
    expect(decide(upload('again'), after)).toEqual([]);
    expect(decide(decline, after)).toEqual([]);
  });

  it('given offered, when declined, then RecipientsExportDeclined; a later accept uploads nothing', () => {
    const [declined] = decide(decline, given(requested, offered));
    expect(declined?.type).toBe('RecipientsExportDeclined');
    expect(decide(upload(), given(requested, offered, declined!))).toEqual([]);
  });

  it('given offered, when the expiry comes early, then nothing; once EXPORT_OFFER_HOURS passed, then RecipientsExportExpired', () => {
    expect(offerDueAt(T0).toISOString()).toBe('2026-12-08T10:00:00.000Z');
    expect(decide(expire('2026-12-08T09:59:59.000Z'), given(requested, offered))).toEqual([]);
    const [expired] = decide(expire('2026-12-08T10:00:00.000Z'), given(requested, offered));
    expect(expired).toMatchObject({ type: 'RecipientsExportExpired', data: { expiredAt: '2026-12-08T10:00:00.000Z' } });
    expect(decide(upload(), given(requested, offered, expired!)), 'an answer after expiry uploads nothing').toEqual([]);
  });

  it('given uploaded, when the expiry comes, then nothing', () => {
    const [uploaded] = decide(upload(), given(requested, offered));
    expect(decide(expire('2026-12-09T00:00:00Z'), given(requested, offered, uploaded!))).toEqual([]);
  });

  it('given requested, when no chat reaches the author, then RecipientsExportFailed with the reason; never after it is settled', () => {
    const fail: ExportCommand = { type: 'RecordFailure', data: { exportId: EXPORT, reason: 'NoConversation' }, metadata: at(T0, 'fail') };
    expect(decide(fail, given(requested))).toMatchObject([{ type: 'RecipientsExportFailed', data: { reason: 'NoConversation' } }]);
    const [declined] = decide(decline, given(requested, offered));
    expect(decide(fail, given(requested, offered, declined!))).toEqual([]);
  });

  it('given nothing, then nothing happens: no offer, answer or expiry without a request', () => {
    for (const command of [offer, upload(), decline, expire('2027-01-01T00:00:00Z')]) expect(decide(command, initialState())).toEqual([]);
  });

  it('decides the same events for the same command (ids derive from it)', () => {
    expect(decide(upload(), given(requested, offered))).toEqual(decide(upload(), given(requested, offered)));
  });
});
