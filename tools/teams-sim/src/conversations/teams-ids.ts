import { createHash, randomUUID } from 'node:crypto';

const digest = (algorithm: string, input: string): string =>
  createHash(algorithm).update(input).digest('base64url');

let lastMessageId = 0;

/** Teams gives messages the millisecond timestamp as id ("1767378504354"); kept unique and increasing. */
export function nextMessageId(): string {
  lastMessageId = Math.max(Date.now(), lastMessageId + 1);
  return String(lastMessageId);
}

/** Events and invokes carry ids like "f:d4414f98-25be-6cc7-b8c7-f01d51e3afd0". */
export const nextEventId = (): string => `f:${randomUUID()}`;

/**
 * A 1:1 chat between a user and a bot has one id ("a:1" + ~125 base64url characters); asking
 * to create it again returns the same id, so it is derived from the participants.
 */
export function personalConversationId(appId: string, userId: string, tenantId: string): string {
  const seed = `${appId.toLowerCase()}|${userId}|${tenantId.toLowerCase()}`;
  return `a:1${(digest('sha512', seed) + digest('sha512', `${seed}|2`)).slice(0, 125)}`;
}

/** The legacy message id ("1:1" + 43 characters) Teams repeats in `channelData.legacy.replyToId`. */
export const legacyMessageId = (messageId: string): string => `1:1${digest('sha256', messageId)}`;

/** A Teams user id ("29:1" + base64url) for a user object id. */
export const teamsUserId = (aadObjectId: string): string =>
  `29:1${(digest('sha512', aadObjectId) + digest('sha256', aadObjectId)).slice(0, 86)}`;
