import { describe, expect, it } from 'vitest';
import { activityFixtureNames, fixture } from '@herald/testing';
import type { ActivityReceived, InboundActivity } from '@herald/contracts';
import { interactionOf } from './interaction-of.js';

const RECEIVED_AT = '2026-03-01T12:00:00.000Z';
const USER = { id: '29:user', aadObjectId: '00000000-0000-0000-0000-000000000001', name: 'Ada' };

function received(activity: Record<string, unknown>): ActivityReceived {
  const complete = {
    channelId: 'msteams', serviceUrl: 'https://smba.trafficmanager.net/amer/', from: USER, recipient: { id: '28:herald' },
    conversation: { id: 'a:chat', conversationType: 'personal', tenantId: 'tenant-1' }, ...activity,
  } as InboundActivity;
  return {
    type: 'ActivityReceived',
    data: { activity: complete, verifiedServiceUrl: complete.serviceUrl, receivedAt: RECEIVED_AT },
    metadata: { id: `received-${String(activity['id'] ?? activity['name'])}`, occurredAt: RECEIVED_AT, correlationId: 'c', causationId: 'c' },
  };
}

const at = '2026-03-01T11:59:00.000Z';

describe('interactionOf', () => {
  it('a like on a message in a channel thread: the message, who, added reactions', () => {
    const event = interactionOf(received(fixture('messageReaction-like.json')));
    expect(event?.type).toBe('MessageReactionsChanged');
    expect(event?.data).toMatchObject({
      conversationId: '19:d441d38c655c47a085215b2726e76927@thread.tacv2',
      messageId: fixture<{ replyToId: string }>('messageReaction-like.json').replyToId,
      tenantId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
      by: { id: expect.stringMatching(/^29:/), aadObjectId: '00000000-1111-2222-3333-444444444444' },
      added: ['like'],
      removed: [],
    });
  });

  it('an unlike lists the removed reaction', () => {
    expect(interactionOf(received(fixture('messageReaction-unlike.json')))?.data).toMatchObject({ added: [], removed: ['like'], at: '2017-10-16T18:45:41.943Z' });
  });

  it('an accepted file consent keeps where to upload', () => {
    const event = interactionOf(received({ type: 'invoke', ...fixture<Record<string, unknown>>('invoke-fileConsent-accept.json') }));
    expect(event).toMatchObject({ type: 'FileConsentAnswered', data: { action: 'accept', uploadInfo: { name: 'file_example.txt', uploadUrl: 'https://upload.link' } } });
  });

  it('a dialog fetch keeps its data', () => {
    expect(interactionOf(received(fixture('invoke-task-fetch.json')))).toMatchObject({ type: 'DialogInvoked', data: { invoke: 'task/fetch', data: { key: 'value' }, conversationId: 'conversationIdString' } });
  });

  it('edits, deletions and restores of a message name the message', () => {
    const edit = interactionOf(received({ type: 'messageUpdate', id: 'msg-1', text: 'fixed typo', timestamp: at, channelData: { eventType: 'editMessage' } }));
    expect(edit).toMatchObject({ type: 'MessageEdited', data: { messageId: 'msg-1', text: 'fixed typo', at, by: USER, tenantId: 'tenant-1' } });
    const deleted = interactionOf(received({ type: 'messageDelete', id: 'msg-1', channelData: { eventType: 'softDeleteMessage' } }));
    expect(deleted).toMatchObject({ type: 'MessageDeleted', data: { messageId: 'msg-1', at: RECEIVED_AT } });
    const restored = interactionOf(received({ type: 'messageUpdate', id: 'msg-1', channelData: { eventType: 'undeleteMessage' } }));
    expect(restored).toMatchObject({ type: 'MessageRestored', data: { messageId: 'msg-1' } });
  });

  it('a failed sign-in keeps its code and message', () => {
    const event = interactionOf(received({ type: 'invoke', name: 'signin/failure', value: { code: 'resourcematchfailed', message: 'Resource match failed' } }));
    expect(event).toMatchObject({ type: 'SignInFailed', data: { code: 'resourcematchfailed', message: 'Resource match failed' } });
  });

  it('the same activity always gives the same event id (a redelivery is stored once)', () => {
    const activity = fixture<Record<string, unknown>>('messageReaction-like.json');
    expect(interactionOf(received(activity))?.metadata.id).toBe(interactionOf(received(activity))?.metadata.id);
  });

  it.each(activityFixtureNames().filter((name) => !/messageReaction|fileConsent|task-fetch/.test(name)))('%s reports no interaction', (name) => {
    expect(interactionOf(received(fixture(name)))).toBeUndefined();
  });
});
