import { z } from 'zod';

/**
 * Bounds of the strings Herald names. The Bot Framework schema sets no maximum; these are far above
 * what Teams sends (ids of a few hundred characters at most) and at Teams' own sizes for names:
 * a team name holds 256 characters, a channel name 50, an Entra display name 256.
 */
export const ACTIVITY_LIMITS = {
  /** Ids, types, event names and other machine tokens. */
  id: 1_024,
  /** Display names of users, bots, conversations, teams and channels. */
  name: 256,
  /** ISO 8601 timestamps. */
  timestamp: 64,
  /** serviceUrl. */
  url: 2_048,
} as const;

/** No control character (Cc: C0, DEL, C1) nor Unicode line/paragraph separator: never part of an id. */
const WITHOUT_CONTROL_CHARACTERS = /^[^\p{Cc}\u2028\u2029]*$/u;

/** An id, type or other token: bounded and free of control characters (it ends up in keys, subjects and logs). */
const token = (max: number = ACTIVITY_LIMITS.id) =>
  z.string().max(max).regex(WITHOUT_CONTROL_CHARACTERS, 'must not contain control characters');
/** An id Herald keys something by (a person, a conversation, a tenant, a team): never empty, never "." or ".." (a URL path would resolve them away). */
const id = () =>
  token()
    .min(1)
    .refine((value) => value !== '.' && value !== '..', 'must not be "." or ".."');
const displayName = () => z.string().max(ACTIVITY_LIMITS.name);

/**
 * The Bot Framework Activity fields Herald reads. Objects are loose: every field Teams sends
 * and Herald does not name is kept as it came (parsing is lossless).
 */
export const channelAccountSchema = z.looseObject({
  id: id(),
  name: displayName().optional(),
  aadObjectId: token().optional(),
  role: token().optional(),
});

export const conversationAccountSchema = z.looseObject({
  /** A channel thread's id ends in `;messageid=<root id>`: something must come before it (the conversation). */
  id: id().regex(/^(?!;messageid=)/i, 'must name the conversation before ";messageid="'),
  conversationType: token().optional(),
  tenantId: token().optional(),
  isGroup: z.union([z.boolean(), z.string()]).optional(),
  name: displayName().optional(),
});

export const attachmentSchema = z.looseObject({
  contentType: z.string(),
  content: z.unknown().optional(),
  contentUrl: z.string().optional(),
  name: z.string().optional(),
});

export const entitySchema = z.looseObject({ type: z.string() });

export const teamsChannelDataSchema = z.looseObject({
  tenant: z.looseObject({ id: id() }).optional(),
  team: z.looseObject({ id: id(), name: displayName().optional() }).optional(),
  channel: z.looseObject({ id: id(), name: displayName().optional() }).optional(),
  eventType: token().optional(),
});

/**
 * Any activity, as it may be recorded: even abridged ones (the docs' `fileConsent/invoke`
 * sample has no `type`). What the gateway accepts is `inboundActivitySchema`.
 */
export const activitySchema = z.looseObject({
  type: token().min(1).optional(),
  /** Empty, it would make every such activity of a conversation a duplicate of the first. */
  id: id().optional(),
  channelId: token().optional(),
  serviceUrl: token(ACTIVITY_LIMITS.url).optional(),
  timestamp: token(ACTIVITY_LIMITS.timestamp).optional(),
  localTimestamp: token(ACTIVITY_LIMITS.timestamp).optional(),
  from: channelAccountSchema.optional(),
  recipient: channelAccountSchema.optional(),
  conversation: conversationAccountSchema.optional(),
  text: z.string().optional(),
  textFormat: z.string().optional(),
  locale: z.string().optional(),
  replyToId: token().optional(),
  /** An invoke's or event's name (`adaptiveCard/action`), not a display name. */
  name: token().optional(),
  action: z.string().optional(),
  value: z.unknown().optional(),
  attachments: z.array(attachmentSchema).optional(),
  entities: z.array(entitySchema).optional(),
  membersAdded: z.array(channelAccountSchema).optional(),
  membersRemoved: z.array(channelAccountSchema).optional(),
  channelData: teamsChannelDataSchema.optional(),
});
export type Activity = z.infer<typeof activitySchema>;

/** What the gateway accepts on /api/messages: an activity Herald can answer. */
export const inboundActivitySchema = activitySchema.extend({
  type: token().min(1),
  serviceUrl: token(ACTIVITY_LIMITS.url).min(1),
  from: channelAccountSchema,
  conversation: conversationAccountSchema,
});
export type InboundActivity = z.infer<typeof inboundActivitySchema>;

/** An activity Herald sends through the Bot Connector. */
export const outboundActivitySchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  attachments: z.array(attachmentSchema).optional(),
  entities: z.array(entitySchema).optional(),
  replyToId: z.string().optional(),
  summary: z.string().optional(),
});
export type OutboundActivity = z.infer<typeof outboundActivitySchema>;
