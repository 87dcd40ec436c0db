import { deriveId, metadataFor, type ConsoleAuthor, type ConsoleMessageEvent, type Metadata } from '@herald/contracts';
import type { ApproveMessage, CancelMessage, ConsoleMessageCommand, DeleteDraft, DraftMessage, EditDraft, SendMessage } from './console-message.commands.js';
import { consoleNotificationId, evolve, initialState, stillAhead, type ConsoleMessage } from './console-message.js';

/** A command the message's state refuses: 404 (none of the author's tenant), 403 (not this author's to do), 409 (not now). */
export class ConsoleMessageRefused extends Error {
  constructor(
    readonly status: 403 | 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'ConsoleMessageRefused';
  }
}

/**
 * The rules of a console message. Every author of a tenant may edit, send or cancel any message
 * of that tenant (a team of authors); another tenant's message does not exist for them.
 */
export function decide(command: ConsoleMessageCommand, state: ConsoleMessage): ConsoleMessageEvent[] {
  switch (command.type) {
    case 'DraftMessage':
      return draftMessage(command, state);
    case 'EditDraft':
      return editDraft(command, state);
    case 'DeleteDraft':
      return deleteDraft(command, state);
    case 'SendMessage':
      return sendMessage(command, state);
    case 'ApproveMessage':
      return approveMessage(command, state);
    case 'CancelMessage':
      return cancelMessage(command, state);
    default: {
      const unexpected: never = command;
      throw new Error(`unknown console message command ${(unexpected as { type: string }).type}`);
    }
  }
}

function draftMessage({ data, metadata }: DraftMessage, state: ConsoleMessage): ConsoleMessageEvent[] {
  if (state.phase !== 'none') throw new ConsoleMessageRefused(409, `message ${data.messageId} exists already`);
  const { messageId, author, draft, duplicatedFrom } = data;
  return [{ type: 'MessageDrafted', data: { messageId, author, draft, ...(duplicatedFrom ? { duplicatedFrom } : {}), draftedAt: metadata.occurredAt }, metadata: eventMetadata('MessageDrafted', messageId, metadata) }];
}

function editDraft({ data, metadata }: EditDraft, state: ConsoleMessage): ConsoleMessageEvent[] {
  existing(state, data.author, data.messageId);
  if (state.phase !== 'draft') throw new ConsoleMessageRefused(409, `message ${data.messageId} is ${state.phase}: only a draft can be edited`);
  current(state, data.version);
  const { messageId, author, draft } = data;
  return [{ type: 'MessageDraftEdited', data: { messageId, author, draft, editedAt: metadata.occurredAt }, metadata: eventMetadata('MessageDraftEdited', metadata.id, metadata) }];
}

function deleteDraft({ data, metadata }: DeleteDraft, state: ConsoleMessage): ConsoleMessageEvent[] {
  existing(state, data.author, data.messageId);
  if (state.phase !== 'draft') throw new ConsoleMessageRefused(409, `message ${data.messageId} is ${state.phase}: only a draft can be deleted`);
  const { messageId, author } = data;
  return [{ type: 'MessageDraftDeleted', data: { messageId, author, deletedAt: metadata.occurredAt }, metadata: eventMetadata('MessageDraftDeleted', messageId, metadata) }];
}

/** A draft that needs approval waits for another author; any other is sent. Sending again what was sent (or submitted) changes nothing. */
function sendMessage({ data, metadata }: SendMessage, state: ConsoleMessage): ConsoleMessageEvent[] {
  existing(state, data.author, data.messageId);
  if (state.phase === 'awaitingApproval' || state.phase === 'sent') return [];
  if (state.phase !== 'draft') throw new ConsoleMessageRefused(409, `message ${data.messageId} is ${state.phase}: only a draft can be sent`);
  current(state, data.version);
  const { messageId, author, send } = data;
  if (state.draft?.needsApproval) {
    return [{ type: 'MessageSubmittedForApproval', data: { messageId, author, send, submittedAt: metadata.occurredAt }, metadata: eventMetadata('MessageSubmittedForApproval', messageId, metadata) }];
  }
  return [sent(messageId, author, send, metadata)];
}

/** Another author than the one who submitted it approves it: it is sent as it was submitted. */
function approveMessage({ data, metadata }: ApproveMessage, state: ConsoleMessage): ConsoleMessageEvent[] {
  existing(state, data.approver, data.messageId);
  if (state.phase !== 'awaitingApproval') throw new ConsoleMessageRefused(409, `message ${data.messageId} is ${state.phase}: only a message awaiting approval can be approved`);
  const submitter = state.sentBy!;
  if (submitter.aadObjectId === data.approver.aadObjectId) throw new ConsoleMessageRefused(403, 'another author must approve it: you submitted it');
  current(state, data.version);
  const { messageId, approver } = data;
  return [
    { type: 'MessageApproved', data: { messageId, approver, approvedAt: metadata.occurredAt }, metadata: eventMetadata('MessageApproved', messageId, metadata) },
    sent(messageId, submitter, stillAhead(state.send ?? {}, metadata.occurredAt), metadata),
  ];
}

/** While it awaits approval, or its notification still has recipients to reach; cancelling again changes nothing. */
function cancelMessage({ data, metadata }: CancelMessage, state: ConsoleMessage): ConsoleMessageEvent[] {
  existing(state, data.author, data.messageId);
  if (state.phase === 'cancelled') return [];
  if (state.phase === 'draft') throw new ConsoleMessageRefused(409, `message ${data.messageId} is a draft: delete it instead`);
  if (state.phase === 'sent' && data.notificationFinished) throw new ConsoleMessageRefused(409, `message ${data.messageId} was sent to every recipient already`);
  const { messageId, author } = data;
  return [{ type: 'MessageCancelled', data: { messageId, author, cancelledAt: metadata.occurredAt }, metadata: eventMetadata('MessageCancelled', messageId, metadata) }];
}

function sent(messageId: string, author: ConsoleAuthor, send: SendMessage['data']['send'], metadata: Metadata): ConsoleMessageEvent {
  return { type: 'MessageSent', data: { messageId, author, notificationId: consoleNotificationId(messageId), send, sentAt: metadata.occurredAt }, metadata: eventMetadata('MessageSent', messageId, metadata) };
}

/** The message exists for this author: drafted, not deleted, in their tenant (404 otherwise, whatever it is elsewhere). */
function existing(state: ConsoleMessage, author: ConsoleAuthor, messageId: string): void {
  if (state.phase === 'none' || state.phase === 'deleted' || state.author?.tenantId !== author.tenantId) throw new ConsoleMessageRefused(404, `no message ${messageId}`);
}

/** The author saw the current version (409 otherwise: someone changed it since). */
function current(state: ConsoleMessage, version: number): void {
  if (version !== state.version) throw new ConsoleMessageRefused(409, `message is at version ${state.version}, not ${version}: someone changed it since; reload it`);
}

/**
 * Events that happen once in a message's life take their id from the message (a repeated append
 * is recognised by JetStream); an edit from its command.
 */
function eventMetadata(type: ConsoleMessageEvent['type'], key: string, cause: Metadata): Metadata {
  return metadataFor({ id: deriveId(type, key), cause, occurredAt: new Date(cause.occurredAt), traceparent: cause.traceparent });
}

export const consoleMessageDecider = { initialState, evolve, decide };
