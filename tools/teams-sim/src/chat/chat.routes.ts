import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { ConversationStore, StoredActivity } from '../conversations/conversation-store.js';
import { cardExecute, cardSubmit, userMessage, type ChatSession } from './chat-session.js';
import { ADAPTIVE_CARD, forwardToBot, refreshedCard, sendAnswer, type SendToBot } from './forward-to-bot.js';

export interface ChatRoutesDeps {
  /** Read per request: the session's serviceUrl is known only once the server listens. */
  readonly session: () => ChatSession;
  readonly store: ConversationStore;
  readonly botEndpoint: string | undefined;
  readonly sendToBot: SendToBot;
}

const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
const ADAPTIVE_CARDS_BUNDLE = createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');

interface ActionBody {
  kind?: 'submit' | 'execute';
  messageId?: string;
  data?: unknown;
  verb?: string;
  title?: string;
}

/** A transcript entry as the page renders it. */
function toMessage(stored: StoredActivity) {
  const { activity } = stored;
  return {
    id: stored.id,
    from: stored.from,
    type: activity['type'],
    text: activity['text'],
    textFormat: activity['textFormat'],
    attachments: activity['attachments'] ?? [],
    replyToId: activity['replyToId'],
    timestamp: stored.timestamp,
    updated: stored.updated,
    deleted: stored.deleted,
    signin: stored.signin ?? null,
    activity,
  };
}

/** Replaces the card of a message for the user, as Teams does with an Action.Execute answer. */
function replaceCard(store: ConversationStore, session: ChatSession, messageId: string, card: unknown): void {
  const stored = store.find(session.conversationId, messageId);
  if (!stored) return;
  const attachments = (stored.activity['attachments'] as { contentType?: string }[] | undefined) ?? [];
  const others = attachments.filter((attachment) => attachment.contentType !== ADAPTIVE_CARD);
  stored.activity = { ...stored.activity, attachments: [{ contentType: ADAPTIVE_CARD, content: card }, ...others] };
}

/** The chat page: a Teams-like 1:1 chat with the bot, and the small API behind it. */
export async function chatRoutes(app: FastifyInstance, deps: ChatRoutesDeps): Promise<void> {
  const { store } = deps;
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/chat/assets/', index: false });

  app.get('/', (_request, reply) => reply.sendFile('index.html'));
  app.get('/chat', (_request, reply) => reply.sendFile('index.html'));
  app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
  app.get('/chat/vendor/adaptivecards.min.js', (_request, reply) =>
    reply.type('application/javascript; charset=utf-8').send(createReadStream(ADAPTIVE_CARDS_BUNDLE)),
  );

  app.get('/chat/api/session', async () => ({ ...deps.session(), botEndpoint: deps.botEndpoint ?? null }));
  app.get('/chat/api/conversation', async () => store.list(deps.session().conversationId).map(toMessage));

  app.post<{ Body: { text?: unknown } }>('/chat/api/messages', async (request, reply) => {
    const text = request.body?.text;
    if (typeof text !== 'string' || text.trim() === '') return reply.code(400).send({ error: 'text is required' });
    if (!deps.botEndpoint) return reply.code(503).send({ error: 'teams-sim has no botEndpoint configured' });
    const session = deps.session();
    const activity = userMessage(session, text);
    store.append(session.conversationId, 'user', activity.id, activity);
    return sendAnswer(reply, await forwardToBot(deps.sendToBot, activity), { id: activity.id });
  });

  app.post<{ Body: ActionBody }>('/chat/api/actions', async (request, reply) => {
    const { kind, messageId, data, verb, title } = request.body ?? {};
    if ((kind !== 'submit' && kind !== 'execute') || typeof messageId !== 'string') {
      return reply.code(400).send({ error: "kind ('submit' | 'execute') and messageId are required" });
    }
    if (!deps.botEndpoint) return reply.code(503).send({ error: 'teams-sim has no botEndpoint configured' });
    const session = deps.session();
    const activity =
      kind === 'submit'
        ? cardSubmit(session, messageId, data ?? {})
        : cardExecute(session, messageId, { data, ...(verb ? { verb } : {}), ...(title ? { title } : {}) });
    const answer = await forwardToBot(deps.sendToBot, activity);
    const card = answer.ok && kind === 'execute' ? refreshedCard(answer.body) : undefined;
    if (card !== undefined) replaceCard(store, session, messageId, card);
    return sendAnswer(reply, answer, { id: activity.id, cardReplaced: card !== undefined });
  });
}
