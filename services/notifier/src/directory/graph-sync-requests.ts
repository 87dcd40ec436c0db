import {
  groupMembersAnswerSchema,
  metadataFor,
  personalChatAnswerSchema,
  SUBJECTS,
  type GroupMembersAnswer,
  type Metadata,
  type PersonalChatAnswer,
} from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';

/** A group page may mean a Graph round trip; a personal chat, an install and two lookups. */
const GROUP_PAGE_TIMEOUT_MS = 30_000;
const PERSONAL_CHAT_TIMEOUT_MS = 10_000;

/** graph-sync did not answer (not running, no responders, timed out): Herald's own outage, not the recipient's. */
export class GraphSyncUnavailableError extends Error {
  override readonly name = 'GraphSyncUnavailableError';
}

/**
 * What the notifier asks graph-sync, the one service that talks to Microsoft Graph: a group's
 * members, and the bot's personal chat with a person (installing the app for them when missing).
 */
export class GraphSyncRequests {
  constructor(private readonly bus: MessageBus) {}

  /** One page of the group's transitive members (users only); `after`: the previous page's `next`. */
  async groupMembers(tenantId: string, groupId: string, after: string | undefined, cause: Pick<Metadata, 'id' | 'correlationId'>): Promise<GroupMembersAnswer> {
    const data = { tenantId, groupId, limit: 1_000, ...(after ? { after } : {}) };
    const answer = await this.ask(SUBJECTS.groupMembersRequest, { type: 'GroupMembersRequested', data, metadata: metadataFor({ cause, occurredAt: new Date() }) }, GROUP_PAGE_TIMEOUT_MS);
    return groupMembersAnswerSchema.parse(answer);
  }

  /** The person's personal chat with the bot; `repair`: the one Herald knew was refused, check the install again. */
  async personalChat(tenantId: string, userId: string, repair: boolean, cause: Pick<Metadata, 'id' | 'correlationId'>): Promise<PersonalChatAnswer> {
    const request = { type: 'PersonalChatRequested', data: { tenantId, userId, repair }, metadata: metadataFor({ cause, occurredAt: new Date() }) };
    return personalChatAnswerSchema.parse(await this.ask(SUBJECTS.personalChatRequest, request, PERSONAL_CHAT_TIMEOUT_MS));
  }

  private async ask(subject: string, request: Parameters<MessageBus['request']>[1], timeoutMs: number): Promise<unknown> {
    try {
      return await this.bus.request(subject, request, timeoutMs);
    } catch (error) {
      throw new GraphSyncUnavailableError(`graph-sync did not answer ${subject}: ${(error as Error).message}`, { cause: error });
    }
  }
}
