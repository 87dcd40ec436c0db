import { describe, expect, it } from 'vitest';
import { consoleDraftSchema, consoleMessageEventSchema, type ConsoleAuthor, type ConsoleDraftInput, type ConsoleMessageEvent } from '@herald/contracts';
import type { ConsoleMessageCommand } from './console-message.commands.js';
import { ConsoleMessageRefused, decide } from './console-message.decider.js';
import { evolve, initialState, type ConsoleMessage } from './console-message.js';

const ID = 'msg-1';
const ada: ConsoleAuthor = { aadObjectId: 'aad-ada', tenantId: 'tenant-1', upn: 'ada@contoso.example' };
const bob: ConsoleAuthor = { aadObjectId: 'aad-bob', tenantId: 'tenant-1', upn: 'bob@contoso.example' };
const eve: ConsoleAuthor = { aadObjectId: 'aad-eve', tenantId: 'tenant-2', upn: 'eve@fabrikam.example' };
const draft = (input: ConsoleDraftInput = {}) => consoleDraftSchema.parse({ title: 'Town hall', audience: { everyone: true }, ...input });
let n = 0;
const metadata = () => {
  n += 1;
  return { id: `cmd-${n}`, occurredAt: `2026-12-08T12:00:${String(n % 60).padStart(2, '0')}.000Z`, correlationId: `cmd-${n}`, causationId: null };
};

const drafting = (input: ConsoleDraftInput = {}, author = ada): ConsoleMessageCommand => ({ type: 'DraftMessage', data: { messageId: ID, author, draft: draft(input) }, metadata: metadata() });
const editing = (version: number, author = bob, input: ConsoleDraftInput = { title: 'Town hall, moved' }): ConsoleMessageCommand => ({ type: 'EditDraft', data: { messageId: ID, author, draft: draft(input), version }, metadata: metadata() });
const deleting = (author = ada): ConsoleMessageCommand => ({ type: 'DeleteDraft', data: { messageId: ID, author }, metadata: metadata() });
const sending = (version: number, author = ada, send = {}): ConsoleMessageCommand => ({ type: 'SendMessage', data: { messageId: ID, author, send, version }, metadata: metadata() });
const approving = (version: number, approver = bob): ConsoleMessageCommand => ({ type: 'ApproveMessage', data: { messageId: ID, approver, version }, metadata: metadata() });
const cancelling = (author = ada, notificationFinished = false): ConsoleMessageCommand => ({ type: 'CancelMessage', data: { messageId: ID, author, notificationFinished }, metadata: metadata() });

/** The state after the commands, each decided on the state the previous ones left (their events checked against the contract). */
function given(...commands: ConsoleMessageCommand[]): ConsoleMessage {
  return commands.reduce((state, command) => then(command, state).reduce(evolve, state), initialState());
}
function then(command: ConsoleMessageCommand, state: ConsoleMessage): ConsoleMessageEvent[] {
  return decide(command, state).map((event) => consoleMessageEventSchema.parse(event));
}
function refused(command: ConsoleMessageCommand, state: ConsoleMessage): number {
  try {
    decide(command, state);
  } catch (error) {
    if (error instanceof ConsoleMessageRefused) return error.status;
    throw error;
  }
  throw new Error(`${command.type} was not refused`);
}

describe('a console message', () => {
  it('is drafted by an author, at version 1, with its time from the command', () => {
    const command = drafting({ needsApproval: true });
    const [event, ...rest] = then(command, initialState());
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ type: 'MessageDrafted', data: { messageId: ID, author: ada, draft: { title: 'Town hall', needsApproval: true }, draftedAt: command.metadata.occurredAt } });
    expect(evolve(initialState(), event!)).toMatchObject({ phase: 'draft', version: 1, author: ada, createdAt: command.metadata.occurredAt });
  });

  it('duplicated, is a new draft naming the one it copies', () => {
    const command: ConsoleMessageCommand = { type: 'DraftMessage', data: { messageId: 'msg-2', author: bob, draft: draft(), duplicatedFrom: ID }, metadata: metadata() };
    expect(then(command, initialState())).toMatchObject([{ type: 'MessageDrafted', data: { messageId: 'msg-2', author: bob, duplicatedFrom: ID } }]);
  });

  it('cannot be drafted twice under one id (409)', () => {
    expect(refused(drafting(), given(drafting()))).toBe(409);
  });

  it('is edited by any author of the tenant, with the version they read; each edit is a version', () => {
    const state = given(drafting());
    expect(then(editing(1, bob), state)).toMatchObject([{ type: 'MessageDraftEdited', data: { author: bob, draft: { title: 'Town hall, moved' } } }]);
    const edited = given(drafting(), editing(1, bob));
    expect(edited).toMatchObject({ phase: 'draft', version: 2, author: ada, draft: { title: 'Town hall, moved' } });
  });

  it('refuses an edit from a stale version (409): someone changed it since', () => {
    const state = given(drafting(), editing(1, bob));
    expect(refused(editing(1, ada), state)).toBe(409);
    expect(refused(editing(3, ada), state)).toBe(409);
  });

  it('is edited only while a draft (409)', () => {
    const state = given(drafting(), sending(1));
    expect(refused(editing(state.version), state)).toBe(409);
  });

  it('is deleted only while a draft, and is gone after (404)', () => {
    const deleted = given(drafting(), deleting(bob));
    expect(deleted.phase).toBe('deleted');
    expect(refused(editing(2), deleted)).toBe(404);
    expect(refused(sending(2), deleted)).toBe(404);
    expect(refused(deleting(), deleted)).toBe(404);
    expect(refused(deleting(), given(drafting(), sending(1)))).toBe(409);
  });

  it('does not exist for another tenant\'s author (404), whatever they ask', () => {
    const state = given(drafting());
    for (const command of [editing(1, eve), deleting(eve), sending(1, eve), approving(1, eve), cancelling(eve)]) expect(refused(command, state)).toBe(404);
    expect(refused(deleting(), initialState())).toBe(404);
  });

  it('is sent as notification console-<id>, now or at its sendAt', () => {
    const send = { sendAt: '2026-12-09T09:00:00+01:00', timeZone: 'Europe/Berlin' };
    const state = given(drafting());
    const events = then(sending(1, bob, send), state);
    expect(events).toMatchObject([{ type: 'MessageSent', data: { messageId: ID, author: bob, notificationId: `console-${ID}`, send } }]);
    expect(events.reduce(evolve, state)).toMatchObject({ phase: 'sent', notificationId: `console-${ID}`, send, sentBy: bob, version: 2 });
  });

  it('is sent from the version that was checked: a draft changed since is refused (409)', () => {
    expect(refused(sending(1), given(drafting(), editing(1)))).toBe(409);
  });

  it('sent again changes nothing: one notification', () => {
    const state = given(drafting(), sending(1));
    expect(then(sending(state.version), state)).toEqual([]);
  });

  it('needing approval, waits for another author when sent', () => {
    const state = given(drafting({ needsApproval: true }));
    expect(then(sending(1, ada), state)).toMatchObject([{ type: 'MessageSubmittedForApproval', data: { author: ada } }]);
    const waiting = given(drafting({ needsApproval: true }), sending(1, ada));
    expect(waiting).toMatchObject({ phase: 'awaitingApproval', notificationId: undefined, sentBy: ada });
    expect(then(sending(waiting.version, ada), waiting)).toEqual([]);
  });

  it('is not approved by the author who submitted it (403), even if another drafted it', () => {
    const waiting = given(drafting({ needsApproval: true }, bob), sending(1, ada));
    expect(refused(approving(waiting.version, ada), waiting)).toBe(403);
  });

  it('approved by another author, is sent as submitted, in their name as approver', () => {
    const send = { sendAt: '2026-12-09T08:00:00Z' };
    const waiting = given(drafting({ needsApproval: true }), sending(1, ada, send));
    const events = then(approving(waiting.version, bob), waiting);
    expect(events).toMatchObject([
      { type: 'MessageApproved', data: { approver: bob } },
      { type: 'MessageSent', data: { author: ada, notificationId: `console-${ID}`, send } },
    ]);
    expect(events.reduce(evolve, waiting)).toMatchObject({ phase: 'sent', approvedBy: bob, sentBy: ada });
  });

  it('approved after its sendAt passed, is sent at once', () => {
    const waiting = given(drafting({ needsApproval: true }), sending(1, ada, { sendAt: '2026-12-08T11:00:00Z', timeZone: 'UTC' }));
    expect(then(approving(waiting.version, bob), waiting)[1]).toMatchObject({ type: 'MessageSent', data: { send: { timeZone: 'UTC' } } });
    expect(then(approving(waiting.version, bob), waiting)[1]!.data).not.toHaveProperty('send.sendAt');
  });

  it('is approved only while awaiting approval (409)', () => {
    expect(refused(approving(1), given(drafting({ needsApproval: true })))).toBe(409);
    const sent = given(drafting({ needsApproval: true }), sending(1), approving(2));
    expect(refused(approving(sent.version), sent)).toBe(409);
    expect(refused(approving(1), given(drafting()))).toBe(409);
  });

  it('is cancelled while awaiting approval, and cannot be approved after (409)', () => {
    const cancelled = given(drafting({ needsApproval: true }), sending(1), cancelling(bob));
    expect(cancelled.phase).toBe('cancelled');
    expect(refused(approving(cancelled.version), cancelled)).toBe(409);
    expect(refused(editing(cancelled.version), cancelled)).toBe(409);
    expect(refused(sending(cancelled.version), cancelled)).toBe(409);
  });

  it('is cancelled while its notification is scheduled or sending, not once it reached everyone (409)', () => {
    const sent = given(drafting(), sending(1));
    expect(then(cancelling(bob, false), sent)).toMatchObject([{ type: 'MessageCancelled', data: { author: bob } }]);
    expect(refused(cancelling(bob, true), sent)).toBe(409);
  });

  it('cancelled again changes nothing; a draft is deleted, not cancelled (409)', () => {
    expect(then(cancelling(), given(drafting(), sending(1), cancelling()))).toEqual([]);
    expect(refused(cancelling(), given(drafting()))).toBe(409);
  });

  it('stores the events that happen once with ids of the message, so a repeated append is recognised', () => {
    const a = then(sending(1), given(drafting()));
    const b = then(sending(1), given(drafting()));
    expect(a[0]!.metadata.id).toBe(b[0]!.metadata.id);
    const edits = [then(editing(1), given(drafting())), then(editing(1), given(drafting()))];
    expect(edits[0]![0]!.metadata.id).not.toBe(edits[1]![0]!.metadata.id);
  });
});
