import type { ConversationStore } from '../conversations/conversation-store.js';
import { nextMessageId, personalConversationId } from '../conversations/teams-ids.js';
import { badArgument, unknownActivityType, type ConnectorResult } from './connector-errors.js';

/** Activity types Teams accepts from a bot through the connector. */
const SENDABLE_TYPES = new Set(['message', 'typing']);

type Json = Record<string, unknown>;

export interface OperationsDeps {
  readonly appId: string;
  readonly store: ConversationStore;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const field = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (current, key) => (typeof current === 'object' && current !== null ? (current as Json)[key] : undefined),
    value,
  );
const isSendable = (activity: unknown): activity is Json =>
  isObject(activity) && typeof activity['type'] === 'string' && SENDABLE_TYPES.has(activity['type']);

/** Adds a bot activity to the transcript (typing indicators are not kept) and returns its new id. */
function store(
  deps: OperationsDeps,
  conversationId: string,
  activity: Json,
  { id = nextMessageId(), replyToId }: { id?: string; replyToId?: string } = {},
): string {
  if (activity['type'] === 'typing') return id;
  deps.store.append(conversationId, 'bot', id, {
    ...activity,
    id,
    timestamp: new Date().toISOString(),
    conversation: isObject(activity['conversation']) ? activity['conversation'] : { id: conversationId },
    ...(replyToId && activity['replyToId'] === undefined ? { replyToId } : {}),
  });
  return id;
}

/**
 * POST /v3/conversations. Teams creates (or returns the existing) 1:1 chat with `members[0]` in the tenant, or,
 * with `channelData.channel.id` and an activity, a new thread in that channel. Bots cannot create group chats.
 */
export function createConversation(deps: OperationsDeps, body: unknown): ConnectorResult {
  if (!isObject(body)) return badArgument('Invalid conversation parameters');
  const activity = body['activity'];
  if (activity !== undefined && !isSendable(activity)) return unknownActivityType();
  const channelId = field(body, 'channelData', 'channel', 'id');
  if (typeof channelId === 'string') {
    if (!isSendable(activity)) return badArgument('Activity is required to create a channel thread');
    const activityId = nextMessageId();
    const conversationId = `${channelId};messageid=${activityId}`;
    store(deps, conversationId, { ...activity, conversation: { id: conversationId } }, { id: activityId });
    return { status: 201, body: { id: conversationId, activityId } };
  }
  if (body['isGroup'] === true) return badArgument('Bots cannot create group chats');
  const memberId = field(body, 'members', '0', 'id');
  if (typeof memberId !== 'string') return badArgument('Conversation parameters must contain one member');
  const tenantId = body['tenantId'] ?? field(body, 'channelData', 'tenant', 'id');
  if (typeof tenantId !== 'string') return badArgument('Tenant id is required');
  const conversationId = personalConversationId(deps.appId, memberId, tenantId);
  if (!isSendable(activity)) return { status: 201, body: { id: conversationId } };
  return { status: 201, body: { id: conversationId, activityId: store(deps, conversationId, activity) } };
}

/** POST /v3/conversations/{conversationId}/activities → ResourceResponse. */
export function sendToConversation(deps: OperationsDeps, conversationId: string, body: unknown): ConnectorResult {
  if (!isSendable(body)) return unknownActivityType();
  return { status: 201, body: { id: store(deps, conversationId, body) } };
}

/** POST /v3/conversations/{conversationId}/activities/{activityId} → ResourceResponse. */
export function replyToActivity(deps: OperationsDeps, conversationId: string, activityId: string, body: unknown) {
  if (!isSendable(body)) return unknownActivityType();
  return { status: 201, body: { id: store(deps, conversationId, body, { replyToId: activityId }) } };
}

/** PUT /v3/conversations/{conversationId}/activities/{activityId} → ResourceResponse. */
export function updateActivity(deps: OperationsDeps, conversationId: string, activityId: string, body: unknown) {
  if (!isSendable(body) || body['type'] !== 'message') return unknownActivityType();
  deps.store.update(conversationId, activityId, body, 'bot');
  return { status: 200, body: { id: activityId } };
}

/** DELETE /v3/conversations/{conversationId}/activities/{activityId}: 200, no body. */
export function deleteActivity(deps: OperationsDeps, conversationId: string, activityId: string): ConnectorResult {
  deps.store.markDeleted(conversationId, activityId);
  return { status: 200 };
}
