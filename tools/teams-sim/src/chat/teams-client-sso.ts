import type { ConversationStore, StoredActivity } from '../conversations/conversation-store.js';
import type { WaitableList } from '../waitable-list.js';
import type { ChatSession } from './chat-session.js';
import { forwardToBot, type SendToBot } from './forward-to-bot.js';
import { tokenExchange } from './signin-invokes.js';

export const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

/** What the bot answered to one `signin/tokenExchange` (0: the bot could not be reached). */
export interface TokenExchangeRecord {
  readonly id: string;
  readonly status: number;
}

interface OAuthCard {
  readonly connectionName?: string;
  readonly tokenExchangeResource?: { readonly id?: string; readonly uri?: string; readonly providerId?: string };
}

export interface TeamsClientSsoDeps {
  readonly session: () => ChatSession;
  readonly store: ConversationStore;
  /** The chat user's SSO token for the bot (aud = the bot's app id), as the Teams client gets it silently. */
  readonly mintSsoToken: () => Promise<string>;
  readonly sendToBot: SendToBot;
  readonly exchanges: WaitableList<TokenExchangeRecord>;
}

function oauthCardOf(activity: Record<string, unknown>): OAuthCard | undefined {
  const attachments = Array.isArray(activity['attachments']) ? (activity['attachments'] as { contentType?: unknown; content?: unknown }[]) : [];
  const card = attachments.find((attachment) => attachment.contentType === OAUTH_CARD)?.content;
  return typeof card === 'object' && card !== null ? card : undefined;
}

/** Gets the SSO token, hands it to the bot in `signin/tokenExchange`; anything but 200 shows the sign-in button. */
async function exchangeToken(deps: TeamsClientSsoDeps, stored: StoredActivity, card: OAuthCard, resourceId: string) {
  const token = await deps.mintSsoToken();
  const invoke = tokenExchange(deps.session(), { id: resourceId, connectionName: card.connectionName ?? '', token });
  const answer = await forwardToBot(deps.sendToBot, invoke);
  const status = answer.status ?? 0;
  stored.signin = status === 200 ? 'signed-in' : 'button';
  deps.exchanges.push({ id: resourceId, status });
}

/**
 * The Teams client's side of bot SSO in the chat page's conversation: an OAuth card with a
 * `tokenExchangeResource` is not shown at first; Teams silently gets the user's token for the bot and sends
 * it in a `signin/tokenExchange` invoke (after the Bot Connector call was answered). If the bot does not
 * answer 200, the card's sign-in button appears. An OAuth card without one shows its button at once.
 */
export function runTeamsClientSso(deps: TeamsClientSsoDeps): void {
  deps.store.onAppend((stored) => {
    if (stored.from !== 'bot' || stored.conversationId !== deps.session().conversationId) return;
    const card = oauthCardOf(stored.activity);
    if (!card) return;
    const resourceId = card.tokenExchangeResource?.id;
    stored.signin = resourceId ? 'exchanging' : 'button';
    if (!resourceId) return;
    setImmediate(() => {
      exchangeToken(deps, stored, card, resourceId).catch(() => {
        stored.signin = 'button';
        deps.exchanges.push({ id: resourceId, status: 0 });
      });
    });
  });
}
