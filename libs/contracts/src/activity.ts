import { z } from 'zod';

/**
 * The Bot Framework Activity fields Herald reads. Objects are loose: every field Teams sends
 * and Herald does not name is kept as it came (parsing is lossless).
 */
export const channelAccountSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  role: z.string().optional(),
});

export const conversationAccountSchema = z.looseObject({
  id: z.string(),
  conversationType: z.string().optional(),
  tenantId: z.string().optional(),
  isGroup: z.union([z.boolean(), z.string()]).optional(),
  name: z.string().optional(),
});

export const attachmentSchema = z.looseObject({
  contentType: z.string(),
  content: z.unknown().optional(),
  contentUrl: z.string().optional(),
  name: z.string().optional(),
});

export const entitySchema = z.looseObject({ type: z.string() });

export const teamsChannelDataSchema = z.looseObject({
  tenant: z.looseObject({ id: z.string() }).optional(),
  team: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  channel: z.looseObject({ id: z.string(), name: z.string().optional() }).optional(),
  eventType: z.string().optional(),
});

/**
 * Any activity, as it may be recorded: even abridged ones (the docs' `fileConsent/invoke`
 * sample has no `type`). What the gateway accepts is `inboundActivitySchema`.
 */
export const activitySchema = z.looseObject({
  type: z.string().min(1).optional(),
  id: z.string().optional(),
  channelId: z.string().optional(),
  serviceUrl: z.string().optional(),
  timestamp: z.string().optional(),
  localTimestamp: z.string().optional(),
  from: channelAccountSchema.optional(),
  recipient: channelAccountSchema.optional(),
  conversation: conversationAccountSchema.optional(),
  text: z.string().optional(),
  textFormat: z.string().optional(),
  locale: z.string().optional(),
  replyToId: z.string().optional(),
  name: z.string().optional(),
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
  type: z.string().min(1),
  serviceUrl: z.string().min(1),
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
