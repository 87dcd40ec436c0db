import { deriveId, type ConsoleAuthor, type Metadata } from '@herald/contracts';
import { RetryLaterError } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { GraphSyncUnavailableError, type GraphSyncRequests } from '../directory/graph-sync-requests.js';
import type { RecipientDirectory, Resolution } from '../notifications/recipient-directory.js';

/** A chat the bot can post to. */
export interface Chat {
  readonly conversationId: string;
  readonly serviceUrl: string;
}

const GRAPH_SYNC_RETRY_MS = 5_000;

/**
 * The author's personal chat with Herald, found as a notification to `{ aadObjectId, tenantId }`
 * finds a person: their working chat, else the app installed for them through graph-sync
 * (proactive install) when the tenant's directory knows them. No chat: why (`failed`).
 */
export class AuthorChats {
  constructor(
    private readonly database: MikroORM,
    private readonly directory: RecipientDirectory,
    private readonly graphSync: GraphSyncRequests,
  ) {}

  async find(author: ConsoleAuthor, cause: Pick<Metadata, 'id' | 'correlationId'>): Promise<{ chat: Chat } | { failed: string }> {
    const resolution = await this.resolve(author, cause);
    if (resolution.kind !== 'deliver') return { failed: resolution.kind === 'skipped' ? `Skipped:${resolution.reason}` : resolution.reason };
    const { conversationId, serviceUrl, installForAadObjectId } = resolution.target;
    if (conversationId && serviceUrl) return { chat: { conversationId, serviceUrl } };
    if (!installForAadObjectId) return { failed: 'NoConversation' };
    return this.installed(author.tenantId, installForAadObjectId, cause);
  }

  /**
   * The chat an export was offered in, as a chat to post to again: its serviceUrl as Herald knows
   * the conversation, else as the author's chat is found now (installed through graph-sync, whose
   * conversationUpdate may not have been recorded yet).
   */
  async chatOf(conversationId: string, author: ConsoleAuthor | undefined, cause: Pick<Metadata, 'id' | 'correlationId'>): Promise<Chat | undefined> {
    const rows = await this.database.em.fork().execute<{ service_url: string }[]>('select service_url from known_conversations where conversation_id = ? limit 1', [conversationId]);
    if (rows[0]) return { conversationId, serviceUrl: rows[0].service_url };
    const found = author ? await this.find(author, cause) : undefined;
    return found && 'chat' in found && found.chat.conversationId === conversationId ? found.chat : undefined;
  }

  private async resolve(author: ConsoleAuthor, cause: Pick<Metadata, 'id' | 'correlationId'>): Promise<Resolution> {
    for await (const page of this.directory.resolve([{ aadObjectId: author.aadObjectId, tenantId: author.tenantId }], cause)) {
      if (page[0]) return page[0];
    }
    return { kind: 'notInstalled', recipientKey: `aad:${author.aadObjectId}`, reason: 'NoConversation' };
  }

  private async installed(tenantId: string, aadObjectId: string, cause: Pick<Metadata, 'id' | 'correlationId'>): Promise<{ chat: Chat } | { failed: string }> {
    try {
      const answer = await this.graphSync.personalChat(tenantId, aadObjectId, false, { id: deriveId('ExportChat', cause.id), correlationId: cause.correlationId });
      if (answer.status === 'ready') return { chat: { conversationId: answer.conversationId, serviceUrl: answer.serviceUrl } };
      if (answer.status === 'failed') return { failed: answer.code };
      throw new RetryLaterError(`graph-sync asks to wait (${answer.code})`, Math.max(answer.retryInMs, 1_000));
    } catch (error) {
      if (error instanceof GraphSyncUnavailableError) throw new RetryLaterError(error.message, GRAPH_SYNC_RETRY_MS, { cause: error });
      throw error;
    }
  }
}
