import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ConversationStore } from '../conversations/conversation-store.js';
import type { ChatSession } from './chat-session.js';
import { forwardToBot, sendAnswer, type SendToBot } from './forward-to-bot.js';
import { verifyState } from './signin-invokes.js';

export interface SigninRoutesDeps {
  readonly session: () => ChatSession;
  readonly store: ConversationStore;
  readonly botEndpoint: string | undefined;
  readonly sendToBot: SendToBot;
}

const TEAMS_JS = fileURLToPath(new URL('../../public/teams-js.js', import.meta.url));

/**
 * The sign-in fallback of the chat page: the TeamsJS stand-in a sign-in popup loads, and the route the page
 * calls when the popup reported success, which sends the bot `signin/verifyState` as Teams does.
 */
export async function signinRoutes(app: FastifyInstance, deps: SigninRoutesDeps): Promise<void> {
  app.get('/chat/vendor/teams-js.js', (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'no-cache').send(createReadStream(TEAMS_JS)),
  );

  app.post<{ Body: { state?: unknown; messageId?: unknown } }>('/chat/api/verify-state', async (request, reply) => {
    const { state, messageId } = request.body ?? {};
    if (typeof state !== 'string') return reply.code(400).send({ error: 'state is required' });
    if (!deps.botEndpoint) return reply.code(503).send({ error: 'teams-sim has no botEndpoint configured' });
    const session = deps.session();
    const card = typeof messageId === 'string' ? deps.store.find(session.conversationId, messageId) : undefined;
    const activity = verifyState(session, state, card?.id);
    const answer = await forwardToBot(deps.sendToBot, activity);
    if (card && answer.ok && answer.status === 200) card.signin = 'signed-in';
    return sendAnswer(reply, answer, { id: activity.id });
  });
}
