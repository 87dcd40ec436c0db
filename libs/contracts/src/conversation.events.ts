import { z } from 'zod';
import { inboundActivitySchema } from './activity.js';
import { messageSchema } from './envelope.js';

/**
 * The conversation aggregate: one Teams conversation the bot is in (a personal chat, a group
 * chat, or a team channel), keyed by its conversation id without the `;messageid=` thread suffix.
 * Facts are derived from inbound activities (conversationUpdate, installationUpdate, and any
 * other activity); field names follow Teams' payloads (`channelData.team`, `channelData.channel`).
 *
 * There is deliberately no aggregate event per inbound message (it would make every
 * conversation's history as long as its chat). "Last activity" is a `ConversationActive` marker
 * in a stream of its own (CONVERSATION_ACTIVITY) that keeps only the latest per conversation.
 */

const isoTime = z.iso.datetime({ offset: true });

/** `conversation.conversationType`, as Teams names it. */
export const conversationKindSchema = z.enum(['personal', 'groupChat', 'channel']);
export type ConversationKind = z.infer<typeof conversationKindSchema>;

/** A person (or another bot) in a conversation: the `29:` id is per bot, `aadObjectId` is the Entra user. */
export const conversationMemberSchema = z.object({
  id: z.string().min(1),
  aadObjectId: z.string().optional(),
  name: z.string().optional(),
});
export type ConversationMember = z.infer<typeof conversationMemberSchema>;

/** `channelData.team`: `id` is the team's General channel thread id, `aadGroupId` its Microsoft 365 group. */
export const teamRefSchema = z.object({ id: z.string().min(1), name: z.string().optional(), aadGroupId: z.string().optional() });
export type TeamRef = z.infer<typeof teamRefSchema>;

/** `channelData.channel`. */
export const channelRefSchema = z.object({ id: z.string().min(1), name: z.string().optional() });
export type ChannelRef = z.infer<typeof channelRefSchema>;

const conversationId = z.string().min(1);

/**
 * The bot is in the conversation: added (`conversationUpdate` whose `membersAdded` holds the bot,
 * or `installationUpdate` `add` / `add-upgrade`), or inferred from any other activity, since Teams
 * delivers activities only to bots installed in the conversation.
 */
export const conversationInstalledSchema = messageSchema(
  'ConversationInstalled',
  z.object({
    conversationId,
    kind: conversationKindSchema,
    tenantId: z.string().optional(),
    /** As verified against the token's `serviceurl` claim. */
    serviceUrl: z.string().min(1),
    /** `recipient.id`: `28:<app id>`. */
    botId: z.string().optional(),
    /** The person of a personal chat. */
    user: conversationMemberSchema.optional(),
    team: teamRefSchema.optional(),
    /** The channel a channel conversation is (its id is the conversation id). */
    channel: channelRefSchema.optional(),
    via: z.enum(['membersAdded', 'installationUpdate', 'inferred']),
    /** `installationUpdate` `add-upgrade`: added by an app upgrade. */
    upgrade: z.boolean(),
    /** The activity's `timestamp` (Teams' clock), or when the gateway received it. */
    installedAt: isoTime,
  }),
);
export type ConversationInstalled = z.infer<typeof conversationInstalledSchema>;

/**
 * The bot's personal chat with a person, found through Microsoft Graph rather than an activity:
 * graph-sync installed the app for them (or found it installed) and read the chat's id
 * (`users/{id}/teamwork/installedApps/{id}/chat`). Teams may or may not send a conversationUpdate
 * for it later; when it does, that activity names the same conversation and changes nothing.
 * Recorded only while the conversation is not installed as far as its events say.
 */
export const conversationDiscoveredSchema = messageSchema(
  'ConversationDiscovered',
  z.object({
    conversationId,
    kind: z.literal('personal'),
    tenantId: z.string().min(1),
    /** The tenant's serviceUrl, as last verified by a token of one of its conversations. */
    serviceUrl: z.string().min(1),
    botId: z.string().optional(),
    /** The person: their Entra object id (Graph knows no Teams `29:` id). */
    user: conversationMemberSchema.partial({ id: true }).extend({ aadObjectId: z.string().min(1) }),
    via: z.enum(['graphInstall', 'graphLookup']),
    discoveredAt: isoTime,
  }),
);
export type ConversationDiscovered = z.infer<typeof conversationDiscoveredSchema>;

/** The bot left: `membersRemoved` holds the bot, or `installationUpdate` `remove` / `remove-upgrade`. */
export const conversationUninstalledSchema = messageSchema(
  'ConversationUninstalled',
  z.object({
    conversationId,
    via: z.enum(['membersRemoved', 'installationUpdate']),
    upgrade: z.boolean(),
    /** The activity's `timestamp` (Teams' clock), or when the gateway received it. */
    uninstalledAt: isoTime,
  }),
);
export type ConversationUninstalled = z.infer<typeof conversationUninstalledSchema>;

/**
 * An activity arrived, with a token-verified serviceUrl other than the last known one: Teams moved
 * the conversation (regions; `/amer/` → `/amer/{tenantId}/`). Replies must go to `serviceUrl`.
 */
export const serviceUrlChangedSchema = messageSchema(
  'ServiceUrlChanged',
  z.object({ conversationId, previousServiceUrl: z.string(), serviceUrl: z.string().min(1) }),
);
export type ServiceUrlChanged = z.infer<typeof serviceUrlChangedSchema>;

const membersData = z.object({ conversationId, members: z.array(conversationMemberSchema).min(1) });

/** `membersAdded` other than the bot itself. */
export const membersJoinedSchema = messageSchema('MembersJoined', membersData);
export type MembersJoined = z.infer<typeof membersJoinedSchema>;

/** `membersRemoved` other than the bot itself (also sent when a user is deleted from the tenant). */
export const membersLeftSchema = messageSchema('MembersLeft', membersData);
export type MembersLeft = z.infer<typeof membersLeftSchema>;

const channelData = z.object({ conversationId, teamId: z.string().min(1), channel: channelRefSchema });
const renamedChannelData = channelData.extend({ channel: channelRefSchema.extend({ name: z.string() }) });

/** `channelData.eventType` `channelCreated`, `channelRenamed`, `channelDeleted`, `channelRestored`. */
export const channelCreatedSchema = messageSchema('ChannelCreated', channelData);
export type ChannelCreated = z.infer<typeof channelCreatedSchema>;
export const channelRenamedSchema = messageSchema('ChannelRenamed', renamedChannelData);
export type ChannelRenamed = z.infer<typeof channelRenamedSchema>;
export const channelDeletedSchema = messageSchema('ChannelDeleted', channelData);
export type ChannelDeleted = z.infer<typeof channelDeletedSchema>;
export const channelRestoredSchema = messageSchema('ChannelRestored', channelData);
export type ChannelRestored = z.infer<typeof channelRestoredSchema>;

const teamData = z.object({ conversationId, team: teamRefSchema });
const renamedTeamData = z.object({ conversationId, team: teamRefSchema.extend({ name: z.string() }) });

/** `channelData.eventType` `teamRenamed`, `teamArchived`, … `teamRestored` (`channelData.team`). */
export const teamRenamedSchema = messageSchema('TeamRenamed', renamedTeamData);
export type TeamRenamed = z.infer<typeof teamRenamedSchema>;
export const teamArchivedSchema = messageSchema('TeamArchived', teamData);
export type TeamArchived = z.infer<typeof teamArchivedSchema>;
export const teamUnarchivedSchema = messageSchema('TeamUnarchived', teamData);
export type TeamUnarchived = z.infer<typeof teamUnarchivedSchema>;
/** Soft-deleted: the team can still be restored. */
export const teamDeletedSchema = messageSchema('TeamDeleted', teamData);
export type TeamDeleted = z.infer<typeof teamDeletedSchema>;
/** Permanently deleted: nothing can be sent there any more. */
export const teamHardDeletedSchema = messageSchema('TeamHardDeleted', teamData);
export type TeamHardDeleted = z.infer<typeof teamHardDeletedSchema>;
export const teamRestoredSchema = messageSchema('TeamRestored', teamData);
export type TeamRestored = z.infer<typeof teamRestoredSchema>;

export const channelEventSchema = z.discriminatedUnion('type', [
  channelCreatedSchema,
  channelRenamedSchema,
  channelDeletedSchema,
  channelRestoredSchema,
]);
export type ChannelEvent = z.infer<typeof channelEventSchema>;

export const teamEventSchema = z.discriminatedUnion('type', [
  teamRenamedSchema,
  teamArchivedSchema,
  teamUnarchivedSchema,
  teamDeletedSchema,
  teamHardDeletedSchema,
  teamRestoredSchema,
]);
export type TeamEvent = z.infer<typeof teamEventSchema>;

/** Every event of the conversation aggregate. */
export const conversationEventSchema = z.discriminatedUnion('type', [
  conversationInstalledSchema,
  conversationDiscoveredSchema,
  conversationUninstalledSchema,
  serviceUrlChangedSchema,
  membersJoinedSchema,
  membersLeftSchema,
  channelEventSchema,
  teamEventSchema,
]);
export type ConversationEvent = z.infer<typeof conversationEventSchema>;
export type ConversationEventType = ConversationEvent['type'];

/**
 * The conversation's latest inbound activity, on `SUBJECTS.conversationActivity(token)` of the
 * CONVERSATION_ACTIVITY stream (one message per subject: only the newest is kept, forever).
 * Not part of the aggregate's history.
 */
export const conversationActiveSchema = messageSchema(
  'ConversationActive',
  z.object({ conversationId, activityType: z.string(), /** When the gateway received it (Herald's clock). */ lastActivityAt: isoTime }),
);
export type ConversationActive = z.infer<typeof conversationActiveSchema>;

/**
 * Command: here is an inbound activity of this conversation; the decider derives the facts.
 * Same data as the gateway's ActivityReceived, which causes it.
 */
export const recordActivitySchema = messageSchema(
  'RecordActivity',
  z.object({ activity: inboundActivitySchema, verifiedServiceUrl: z.string().min(1), receivedAt: isoTime }),
);
export type RecordActivity = z.infer<typeof recordActivitySchema>;

export const conversationCommandSchema = z.discriminatedUnion('type', [recordActivitySchema]);
export type ConversationCommand = z.infer<typeof conversationCommandSchema>;
