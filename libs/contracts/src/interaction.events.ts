import { z } from 'zod';
import { messageSchema } from './envelope.js';

/**
 * What people did to Herald's messages and dialogs, recorded from inbound activities by the
 * router (`router.interaction.<kind>`), for integrating apps and audits: reactions, edits and
 * deletions of messages in a conversation with Herald, file consent answers, task module
 * (dialog) requests, failed sign-ins. Each is keyed by the activity that reported it.
 */

const isoTime = z.iso.datetime({ offset: true });

const who = z.object({ id: z.string().min(1), aadObjectId: z.string().optional(), name: z.string().optional() });

const common = {
  conversationId: z.string().min(1),
  tenantId: z.string().optional(),
  /** Who did it (`from`). */
  by: who,
  /** The activity's `timestamp` (Teams' clock), else when the gateway received it. */
  at: isoTime,
};

/** `messageReaction`: reactions added to / removed from the message `messageId` (`replyToId`). */
export const messageReactionsChangedSchema = messageSchema(
  'MessageReactionsChanged',
  z.object({ ...common, messageId: z.string().min(1), added: z.array(z.string()), removed: z.array(z.string()) }),
);
export type MessageReactionsChanged = z.infer<typeof messageReactionsChangedSchema>;

/** `messageUpdate` `editMessage`: a message was edited; `text` as it reads now. */
export const messageEditedSchema = messageSchema('MessageEdited', z.object({ ...common, messageId: z.string().min(1), text: z.string().optional() }));
export type MessageEdited = z.infer<typeof messageEditedSchema>;

/** `messageDelete` `softDeleteMessage`: a message was deleted (it can be undone). */
export const messageDeletedSchema = messageSchema('MessageDeleted', z.object({ ...common, messageId: z.string().min(1) }));
export type MessageDeleted = z.infer<typeof messageDeletedSchema>;

/** `messageUpdate` `undeleteMessage`: a deleted message is back. */
export const messageRestoredSchema = messageSchema('MessageRestored', z.object({ ...common, messageId: z.string().min(1) }));
export type MessageRestored = z.infer<typeof messageRestoredSchema>;

/** `fileConsent/invoke`: the person accepted or declined a file Herald offered. */
export const fileConsentAnsweredSchema = messageSchema(
  'FileConsentAnswered',
  z.object({
    ...common,
    action: z.enum(['accept', 'decline']),
    /** What Herald put in the consent card's `acceptContext` / `declineContext`. */
    context: z.unknown().optional(),
    /** Where to upload (accept only): OneDrive's `uploadUrl`, the file's `name`, `contentUrl`, `uniqueId`. */
    uploadInfo: z.looseObject({ name: z.string().optional(), uploadUrl: z.string().optional(), contentUrl: z.string().optional(), uniqueId: z.string().optional() }).optional(),
  }),
);
export type FileConsentAnswered = z.infer<typeof fileConsentAnsweredSchema>;

/** `task/fetch` / `task/submit`: a dialog (task module) was opened or submitted. */
export const dialogInvokedSchema = messageSchema(
  'DialogInvoked',
  z.object({ ...common, invoke: z.enum(['task/fetch', 'task/submit']), data: z.unknown().optional() }),
);
export type DialogInvoked = z.infer<typeof dialogInvokedSchema>;

/** `signin/failure`: Teams could not complete a sign-in (`value.code`, `value.message`). */
export const signInFailedSchema = messageSchema('SignInFailed', z.object({ ...common, code: z.string().optional(), message: z.string().optional() }));
export type SignInFailed = z.infer<typeof signInFailedSchema>;

/**
 * The `acknowledge` card verb (Action.Execute or Action.Submit): the person confirmed they saw
 * the message `messageId`, a notification's card when `notificationId` is set.
 */
export const cardAcknowledgedSchema = messageSchema(
  'CardAcknowledged',
  z.object({ ...common, messageId: z.string().optional(), notificationId: z.string().optional() }),
);
export type CardAcknowledged = z.infer<typeof cardAcknowledgedSchema>;

export const interactionEventSchema = z.discriminatedUnion('type', [
  cardAcknowledgedSchema,
  messageReactionsChangedSchema,
  messageEditedSchema,
  messageDeletedSchema,
  messageRestoredSchema,
  fileConsentAnsweredSchema,
  dialogInvokedSchema,
  signInFailedSchema,
]);
export type InteractionEvent = z.infer<typeof interactionEventSchema>;
