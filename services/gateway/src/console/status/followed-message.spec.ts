import { describe, expect, it } from 'vitest';
import { metadataFor, type ConsoleMessageEvent, type NotificationStatus } from '@herald/contracts';
import { consoleStateOf, followedMessage } from './followed-message.js';

const author = { aadObjectId: 'aad-ada', tenantId: 't1' };
const draft = (title: string) => ({ title, buttons: [], acknowledge: false, audience: { teams: [], teamMembers: [], groups: [], everyone: true }, needsApproval: false });
const at = '2026-12-01T09:00:00.000Z';
const event = (e: Omit<ConsoleMessageEvent, 'metadata'>) => ({ ...e, metadata: metadataFor({ occurredAt: new Date(at) }) }) as ConsoleMessageEvent;
const drafted = event({ type: 'MessageDrafted', data: { messageId: 'm', author, draft: draft('First'), draftedAt: at } });
const status = (state: NotificationStatus['state']): NotificationStatus => ({ id: 'console-m', state, total: 1, sent: 0, failed: 0, skipped: 0, held: 0, digested: 0, pending: 1, buckets: { Delivered: 0, Failed: 0, Unknown: 0, NotInstalled: 0, Skipped: 0, Held: 0, Digested: 0 } });

describe('a followed console message', () => {
  it('is its draft until sent, with the title it has now; a deleted draft is none', () => {
    const edited = event({ type: 'MessageDraftEdited', data: { messageId: 'm', author, draft: draft('Second'), editedAt: at } });
    expect(followedMessage('m', [drafted, edited])).toEqual({ id: 'm', tenantId: 't1', title: 'Second', state: 'draft', notificationId: null, sendAt: null });
    expect(followedMessage('m', [drafted, event({ type: 'MessageDraftDeleted', data: { messageId: 'm', author, deletedAt: at } })])).toBeUndefined();
    expect(followedMessage('m', [])).toBeUndefined();
  });

  it("once sent stands where its notification stands: scheduled, sending, sent, cancelled", () => {
    const sent = followedMessage('m', [drafted, event({ type: 'MessageSent', data: { messageId: 'm', author, notificationId: 'console-m', send: {}, sentAt: at } })])!;
    const later = followedMessage('m', [drafted, event({ type: 'MessageSent', data: { messageId: 'm', author, notificationId: 'console-m', send: { sendAt: '2027-01-01T08:00:00.000Z' }, sentAt: at } })])!;
    expect(consoleStateOf(later, status('accepted'))).toBe('scheduled');
    expect(consoleStateOf(later, null)).toBe('scheduled');
    expect(consoleStateOf(sent, status('accepted'))).toBe('sending');
    expect(consoleStateOf(later, status('sending'))).toBe('sending');
    expect(consoleStateOf(sent, status('completed'))).toBe('sent');
    expect(consoleStateOf(sent, status('cancelled'))).toBe('cancelled');
    expect(consoleStateOf(followedMessage('m', [drafted])!, null)).toBe('draft');
  });
});
