import { z } from 'zod';
import { messageSchema } from './envelope.js';
import { adaptiveCardSchema, statusBucketSchema } from './notification.messages.js';

/**
 * The messages console (issue 13): what authors compose, whom they address, and what became of
 * it. A console message is an aggregate on `console.message.<id token>` (CONSOLE stream): drafted,
 * edited, deleted, submitted for approval, approved, sent (as a notification of the notification
 * API, id `console-<messageId>`), cancelled. The gateway decides and appends (it authenticates
 * the author); the notifier projects the list and answers the console's reads over request/reply.
 * HTTP API: services/gateway/src/console/README.md.
 */

const isoTime = z.iso.datetime({ offset: true });
const https = z.url({ protocol: /^https$/ }).max(2_000);

/** An author as their Entra token names them (`oid`, `tid`, `preferred_username`/`upn`, `name`). */
export const consoleAuthorSchema = z.object({
  aadObjectId: z.string().min(1),
  tenantId: z.string().min(1),
  upn: z.string().optional(),
  name: z.string().optional(),
});
export type ConsoleAuthor = z.infer<typeof consoleAuthorSchema>;

/**
 * Whom a message goes to, any mix of: teams (a post in the General channel, or the chosen
 * channel), the members of teams (each in their personal chat: the team's Microsoft 365 group),
 * Entra groups (their members, through graph-sync), everyone in the author's tenant.
 * Recipients are always in the author's tenant.
 */
export const consoleAudienceSchema = z.strictObject({
  teams: z.array(z.strictObject({ teamId: z.string().min(1), channelId: z.string().regex(/^19:/, 'a channel id starts with "19:"').optional(), name: z.string().max(256).optional() })).max(100).default([]),
  teamMembers: z.array(z.strictObject({ teamId: z.string().min(1), aadGroupId: z.uuid(), name: z.string().max(256).optional() })).max(100).default([]),
  groups: z.array(z.strictObject({ groupId: z.uuid(), name: z.string().max(256).optional() })).max(100).default([]),
  everyone: z.boolean().default(false),
});
export type ConsoleAudience = z.infer<typeof consoleAudienceSchema>;

/** A link button of the composed card. */
export const consoleButtonSchema = z.strictObject({ title: z.string().trim().min(1).max(80), url: https });

/**
 * What the author composed. Simple mode: title, summary, image, Markdown body, up to three link
 * buttons and an optional Acknowledge button (Herald's `acknowledge` verb) — turned into an
 * Adaptive Card by `composeCard` (libs/console-cards). Advanced mode: `advanced.card` (raw
 * Adaptive Card JSON, `${...}` templates allowed) bound with `advanced.data` when sent.
 */
export const consoleDraftSchema = z.strictObject({
  title: z.string().max(200).default(''),
  summary: z.string().max(1_000).optional(),
  imageUrl: https.optional(),
  body: z.string().max(20_000).optional(),
  buttons: z.array(consoleButtonSchema).max(3, 'at most 3 buttons').default([]),
  acknowledge: z.boolean().default(false),
  advanced: z.strictObject({ card: adaptiveCardSchema, data: z.record(z.string(), z.unknown()).optional() }).optional(),
  audience: consoleAudienceSchema.default({ teams: [], teamMembers: [], groups: [], everyone: false }),
  /** A second author must approve it before it is sent. */
  needsApproval: z.boolean().default(false),
});
export type ConsoleDraft = z.infer<typeof consoleDraftSchema>;
/** The body of `POST /api/v1/console/messages` and `PUT …/{id}` (`draft`). */
export type ConsoleDraftInput = z.input<typeof consoleDraftSchema>;

/** When it goes: now (absent `sendAt`), or at `sendAt` — shown in the author's `timeZone` (IANA). */
export const consoleSendSchema = z.strictObject({ sendAt: isoTime.optional(), timeZone: z.string().min(1).max(64).optional() });
export type ConsoleSend = z.infer<typeof consoleSendSchema>;

const messageId = z.string().min(1);

export const messageDraftedSchema = messageSchema('MessageDrafted', z.object({ messageId, author: consoleAuthorSchema, draft: consoleDraftSchema, duplicatedFrom: z.string().optional(), draftedAt: isoTime }));
export const messageDraftEditedSchema = messageSchema('MessageDraftEdited', z.object({ messageId, author: consoleAuthorSchema, draft: consoleDraftSchema, editedAt: isoTime }));
export const messageDraftDeletedSchema = messageSchema('MessageDraftDeleted', z.object({ messageId, author: consoleAuthorSchema, deletedAt: isoTime }));
/** Sent by its author while it needs approval: it waits for another author. */
export const messageSubmittedForApprovalSchema = messageSchema('MessageSubmittedForApproval', z.object({ messageId, author: consoleAuthorSchema, send: consoleSendSchema, submittedAt: isoTime }));
/** Another author approved it: it is sent at once (or at its `sendAt`). */
export const messageApprovedSchema = messageSchema('MessageApproved', z.object({ messageId, approver: consoleAuthorSchema, approvedAt: isoTime }));
/** Its notification was requested (`notificationId`); `sendAt`: scheduled. */
export const messageSentSchema = messageSchema('MessageSent', z.object({ messageId, author: consoleAuthorSchema, notificationId: z.string().min(1), send: consoleSendSchema, sentAt: isoTime }));
/** Cancelled while scheduled or sending (its notification is cancelled), or while waiting for approval. */
export const messageCancelledSchema = messageSchema('MessageCancelled', z.object({ messageId, author: consoleAuthorSchema, cancelledAt: isoTime }));

export const consoleMessageEventSchema = z.discriminatedUnion('type', [
  messageDraftedSchema,
  messageDraftEditedSchema,
  messageDraftDeletedSchema,
  messageSubmittedForApprovalSchema,
  messageApprovedSchema,
  messageSentSchema,
  messageCancelledSchema,
]);
export type ConsoleMessageEvent = z.infer<typeof consoleMessageEventSchema>;

/** Where a console message stands. `scheduled`/`sending`/`sent` come from its notification's state. */
export const consoleMessageStateSchema = z.enum(['draft', 'awaitingApproval', 'scheduled', 'sending', 'sent', 'cancelled']);
export type ConsoleMessageState = z.infer<typeof consoleMessageStateSchema>;

/** One row of the console's message list (the notifier's `console_messages` projection). */
export const consoleMessageSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  state: consoleMessageStateSchema,
  author: consoleAuthorSchema,
  needsApproval: z.boolean(),
  approvedBy: consoleAuthorSchema.nullable(),
  notificationId: z.string().nullable(),
  sendAt: z.string().nullable(),
  timeZone: z.string().nullable(),
  updatedAt: z.string(),
  /** Live counts per bucket once sent (else empty), and the total. */
  total: z.number().int(),
  buckets: z.record(statusBucketSchema, z.number().int()),
});
export type ConsoleMessageSummary = z.infer<typeof consoleMessageSummarySchema>;

/** `SUBJECTS.consoleMessagesRequest` (gateway → notifier): a page of a tenant's console messages, newest first. */
export const consoleMessagesRequestSchema = messageSchema(
  'ConsoleMessagesRequested',
  z.object({ tenantId: z.string().min(1), state: consoleMessageStateSchema.optional(), after: z.string().optional(), limit: z.number().int().min(1).max(200).default(50) }),
);
export type ConsoleMessagesRequest = z.input<typeof consoleMessagesRequestSchema>['data'];
export const consoleMessagesAnswerSchema = z.object({ messages: z.array(consoleMessageSummarySchema), next: z.string().nullable() });
export type ConsoleMessagesAnswer = z.infer<typeof consoleMessagesAnswerSchema>;

/** `SUBJECTS.consoleReachRequest` (gateway → notifier): how many people an audience reaches, before sending. */
export const consoleReachRequestSchema = messageSchema('ConsoleReachRequested', z.object({ tenantId: z.string().min(1), audience: consoleAudienceSchema }));
export type ConsoleReachRequest = z.input<typeof consoleReachRequestSchema>['data'];
/** `estimated`: distinct people and channel posts; a part Graph cannot count now has `count: null` (and `estimated` is a lower bound: `complete: false`). */
export const consoleReachAnswerSchema = z.object({
  estimated: z.number().int(),
  complete: z.boolean(),
  parts: z.array(z.object({ kind: z.enum(['team', 'teamMembers', 'group', 'everyone']), id: z.string(), count: z.number().int().nullable() })),
});
export type ConsoleReachAnswer = z.infer<typeof consoleReachAnswerSchema>;

/** `SUBJECTS.consoleTeamsRequest` (gateway → notifier): the teams Herald is installed in, with their channels, for the audience picker. */
export const consoleTeamsRequestSchema = messageSchema('ConsoleTeamsRequested', z.object({ tenantId: z.string().min(1), search: z.string().max(100).optional() }));
export type ConsoleTeamsRequest = z.input<typeof consoleTeamsRequestSchema>['data'];
export const consoleTeamsAnswerSchema = z.object({
  teams: z.array(z.object({ teamId: z.string(), name: z.string().nullable(), aadGroupId: z.string().nullable(), channels: z.array(z.object({ channelId: z.string(), name: z.string().nullable() })) })),
});
export type ConsoleTeamsAnswer = z.infer<typeof consoleTeamsAnswerSchema>;

/** `SUBJECTS.notificationEngagementRequest` (gateway → notifier): acknowledgements and reactions to a notification's messages. */
export const notificationEngagementRequestSchema = messageSchema('NotificationEngagementRequested', z.object({ notificationId: z.string().min(1) }));
export const notificationEngagementSchema = z.object({
  notificationId: z.string(),
  /** People who pressed Acknowledge (each once). */
  acknowledged: z.number().int(),
  /** Reactions standing now, by kind (`like`, `heart`, …). */
  reactions: z.record(z.string(), z.number().int()),
});
export type NotificationEngagement = z.infer<typeof notificationEngagementSchema>;

/**
 * Exports of a sent message's recipients to the author's OneDrive, through Teams' file consent
 * card (`console.export.<export id token>`, CONSOLE stream): requested in the console, offered in
 * the author's personal chat, then uploaded (accepted), declined, or expired after 24 h.
 */
const exportId = z.string().min(1);
export const recipientsExportRequestedSchema = messageSchema(
  'RecipientsExportRequested',
  z.object({ exportId, messageId, notificationId: z.string().min(1), author: consoleAuthorSchema, fileName: z.string().min(1), locale: z.string().optional(), requestedAt: isoTime }),
);
export const recipientsExportOfferedSchema = messageSchema('RecipientsExportOffered', z.object({ exportId, conversationId: z.string().min(1), activityId: z.string().optional(), offeredAt: isoTime }));
export const recipientsExportUploadedSchema = messageSchema('RecipientsExportUploaded', z.object({ exportId, fileName: z.string(), bytes: z.number().int(), rows: z.number().int(), contentUrl: z.string().optional(), uploadedAt: isoTime }));
export const recipientsExportDeclinedSchema = messageSchema('RecipientsExportDeclined', z.object({ exportId, declinedAt: isoTime }));
export const recipientsExportExpiredSchema = messageSchema('RecipientsExportExpired', z.object({ exportId, expiredAt: isoTime }));
/** The author has no personal chat with Herald that a card can reach (or the upload failed for good): `reason` says which. */
export const recipientsExportFailedSchema = messageSchema('RecipientsExportFailed', z.object({ exportId, reason: z.string(), failedAt: isoTime }));

export const recipientsExportEventSchema = z.discriminatedUnion('type', [
  recipientsExportRequestedSchema,
  recipientsExportOfferedSchema,
  recipientsExportUploadedSchema,
  recipientsExportDeclinedSchema,
  recipientsExportExpiredSchema,
  recipientsExportFailedSchema,
]);
export type RecipientsExportEvent = z.infer<typeof recipientsExportEventSchema>;

/**
 * Command (OUTBOUND, `SUBJECTS.expireExport`): an offered export's answer time is up — published by
 * the notifier's scheduler `EXPORT_OFFER_HOURS` after the offer; expires it unless answered meanwhile.
 */
export const expireRecipientsExportSchema = messageSchema('ExpireRecipientsExport', z.object({ exportId, dueAt: isoTime }));
export type ExpireRecipientsExport = z.infer<typeof expireRecipientsExportSchema>;

/** How long an offered export waits for the author's answer before it is cleaned up. */
export const EXPORT_OFFER_HOURS = 24;
