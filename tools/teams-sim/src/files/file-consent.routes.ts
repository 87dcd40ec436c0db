import type { FastifyInstance } from 'fastify';
import type { ConversationStore } from '../conversations/conversation-store.js';
import type { ChatSession } from '../chat/chat-session.js';
import { forwardToBot, sendAnswer, type SendToBot } from '../chat/forward-to-bot.js';
import { consentCardOf, fileConsentInvoke } from './file-consent.js';
import type { UploadSessions } from './upload-sessions.js';

export interface FileConsentRoutesDeps {
  readonly session: () => ChatSession;
  readonly store: ConversationStore;
  readonly uploads: UploadSessions;
  readonly baseUrl: () => string;
  readonly botEndpoint: string | undefined;
  readonly sendToBot: SendToBot;
}

/** The chat page's Allow / Decline on a file consent card: the `fileConsent/invoke` to the bot, and its answer. */
export async function fileConsentRoutes(app: FastifyInstance, deps: FileConsentRoutesDeps): Promise<void> {
  app.post<{ Body: { messageId?: unknown; action?: unknown } }>('/chat/api/file-consent', async (request, reply) => {
    const { messageId, action } = request.body ?? {};
    if (typeof messageId !== 'string' || (action !== 'accept' && action !== 'decline')) {
      return reply.code(400).send({ error: "messageId and action ('accept' | 'decline') are required" });
    }
    if (!deps.botEndpoint) return reply.code(503).send({ error: 'teams-sim has no botEndpoint configured' });
    const session = deps.session();
    const stored = deps.store.find(session.conversationId, messageId);
    if (!consentCardOf(stored)) return reply.code(404).send({ error: `message ${messageId} carries no file consent card` });
    const chat = { ...session, baseUrl: deps.baseUrl() };
    const invoke = fileConsentInvoke(chat, deps.uploads, stored!, session.user, action);
    return sendAnswer(reply, await forwardToBot(deps.sendToBot, invoke), { id: invoke.id });
  });
}
