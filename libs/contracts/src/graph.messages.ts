import { z } from 'zod';
import { messageSchema } from './envelope.js';

/**
 * What other services ask graph-sync (request/reply over core NATS; graph-sync alone talks to
 * Microsoft Graph). Requests are messages (`{ type, data, metadata }`, as `MessageBus.request`
 * sends them); answers are plain bodies. Nothing here is stored.
 */

const tenantId = z.string().min(1);

/** A user as Graph lists them (directory fields only). */
export const graphMemberSchema = z.object({
  /** The Entra object id. */
  userId: z.string().min(1),
  userPrincipalName: z.string().nullable(),
  displayName: z.string().nullable(),
  accountEnabled: z.boolean().nullable(),
  userType: z.string().nullable(),
});
export type GraphMember = z.infer<typeof graphMemberSchema>;

/**
 * `SUBJECTS.groupMembersRequest`: one page of a group's transitive members (users only), from
 * graph-sync's cache (fetched from `groups/{id}/transitiveMembers` when older than its TTL).
 * `after`: the `next` of the previous page.
 */
export const groupMembersRequestSchema = messageSchema('GroupMembersRequested', z.object({ tenantId, groupId: z.string().min(1), after: z.string().optional(), limit: z.number().int().min(1).max(1_000).default(1_000) }));
/** The request's `data`. */
export type GroupMembersRequest = z.input<typeof groupMembersRequestSchema>['data'];

export const groupMembersAnswerSchema = z.discriminatedUnion('status', [
  /** `next` absent: this was the last page. `fetchedAt`: when the members were read from Graph. */
  z.object({ status: z.literal('ok'), members: z.array(graphMemberSchema), next: z.string().optional(), fetchedAt: z.string() }),
  /** Graph knows no such group in this tenant (404). */
  z.object({ status: z.literal('notFound') }),
  /** Graph or Entra refused for good: e.g. `TokenRefused` (a tenant Entra does not know, or that never consented to Herald), `Authorization_RequestDenied`. */
  z.object({ status: z.literal('refused'), code: z.string() }),
  /** Graph is throttling or down: ask again in `retryInMs`. */
  z.object({ status: z.literal('unavailable'), retryInMs: z.number().int().min(0), code: z.string() }),
]);
export type GroupMembersAnswer = z.infer<typeof groupMembersAnswerSchema>;

/** `SUBJECTS.groupSearchRequest`: groups whose display name matches (`groups?$search`), for the console's audience picker. */
export const groupSearchRequestSchema = messageSchema('GroupSearchRequested', z.object({ tenantId, query: z.string().trim().min(1).max(256), top: z.number().int().min(1).max(100).default(25) }));
/** The request's `data`. */
export type GroupSearchRequest = z.input<typeof groupSearchRequestSchema>['data'];

export const groupSearchAnswerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), groups: z.array(z.object({ id: z.string(), displayName: z.string().nullable(), mail: z.string().nullable(), description: z.string().nullable() })) }),
  z.object({ status: z.literal('unavailable'), retryInMs: z.number().int().min(0), code: z.string() }),
  /** Graph or Entra refused for good (see groupMembersAnswerSchema). */
  z.object({ status: z.literal('refused'), code: z.string() }),
]);
export type GroupSearchAnswer = z.infer<typeof groupSearchAnswerSchema>;

/**
 * `SUBJECTS.personalChatRequest`: the bot's personal chat with an Entra user, installing the app
 * for them first when it is not (proactive install). `repair`: the known chat was refused (403
 * BotNotInConversationRoster / 404 ConversationNotFound): check the install again and answer the
 * chat as Graph knows it now. graph-sync records the chat as `ConversationDiscovered`.
 */
export const personalChatRequestSchema = messageSchema('PersonalChatRequested', z.object({ tenantId, userId: z.string().min(1), repair: z.boolean().default(false) }));
/** The request's `data`. */
export type PersonalChatRequest = z.input<typeof personalChatRequestSchema>['data'];

export const personalChatAnswerSchema = z.discriminatedUnion('status', [
  /** `installed`: this request installed the app (false: it already was). */
  z.object({ status: z.literal('ready'), conversationId: z.string().min(1), serviceUrl: z.string().min(1), botId: z.string().optional(), installed: z.boolean() }),
  /** The install governor's window is full, or Graph throttles / is down: ask again in `retryInMs`. */
  z.object({ status: z.literal('wait'), retryInMs: z.number().int().min(0), code: z.string() }),
  /** For good: e.g. `UserNotFound`, `AppNotInCatalog`, `InstallForbidden`, `NoServiceUrl`. */
  z.object({ status: z.literal('failed'), code: z.string() }),
]);
export type PersonalChatAnswer = z.infer<typeof personalChatAnswerSchema>;
