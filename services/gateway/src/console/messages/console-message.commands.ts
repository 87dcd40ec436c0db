import type { ConsoleAuthor, ConsoleDraft, ConsoleSend, Message } from '@herald/contracts';

/**
 * What authors ask of a console message. These commands never leave the gateway (its HTTP use
 * cases build them and hand them to the decider), so they live here rather than in
 * libs/contracts; the events they cause do. `metadata.id` and `metadata.occurredAt` are the
 * command's id and time: the decider takes both from here.
 */
export type DraftMessage = Message<'DraftMessage', { messageId: string; author: ConsoleAuthor; draft: ConsoleDraft; duplicatedFrom?: string }>;
/** `version`: the version the author edited (their last read). */
export type EditDraft = Message<'EditDraft', { messageId: string; author: ConsoleAuthor; draft: ConsoleDraft; version: number }>;
export type DeleteDraft = Message<'DeleteDraft', { messageId: string; author: ConsoleAuthor }>;
/** `version`: the version whose draft was composed and checked for sending. */
export type SendMessage = Message<'SendMessage', { messageId: string; author: ConsoleAuthor; send: ConsoleSend; version: number }>;
/** `version`: the version whose draft was composed and checked for sending. */
export type ApproveMessage = Message<'ApproveMessage', { messageId: string; approver: ConsoleAuthor; version: number }>;
/** `notificationFinished`: its notification reached every recipient already (nothing is left to cancel). */
export type CancelMessage = Message<'CancelMessage', { messageId: string; author: ConsoleAuthor; notificationFinished: boolean }>;

export type ConsoleMessageCommand = DraftMessage | EditDraft | DeleteDraft | SendMessage | ApproveMessage | CancelMessage;
