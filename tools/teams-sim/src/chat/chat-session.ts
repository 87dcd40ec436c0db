import { legacyMessageId, nextEventId, nextMessageId, personalConversationId, teamsUserId } from '../conversations/teams-ids.js';

const LOCALE = 'en-US';

export interface ChatSession {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly conversationId: string;
  readonly user: { readonly id: string; readonly name: string; readonly aadObjectId: string };
  readonly bot: { readonly id: string; readonly name: string };
}

/** Who chats: the bot, and a user of the tenant (the chat page's is Megan Bowen). */
export interface ChatParticipants {
  readonly appId: string;
  readonly botName: string;
  readonly tenantId: string;
  readonly serviceUrl: string;
  readonly user: { readonly aadObjectId: string; readonly name: string };
}

/** The personal chat between the user and the bot, with the ids Teams gives both. */
export function createChatSession({ appId, botName, tenantId, serviceUrl, user }: ChatParticipants): ChatSession {
  const userId = teamsUserId(user.aadObjectId);
  return {
    serviceUrl,
    tenantId,
    conversationId: personalConversationId(appId, userId, tenantId),
    user: { id: userId, name: user.name, aadObjectId: user.aadObjectId },
    bot: { id: `28:${appId}`, name: botName },
  };
}

/** "2025-10-08T10:33:01.495-07:00": the client's local time with its UTC offset. */
function localTimestamp(at: Date): string {
  const offsetMinutes = -at.getTimezoneOffset();
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
  return `${local}${sign}${hours}:${minutes}`;
}

/** The fields every activity from the user's Teams client carries (shape of message-personal.json). */
export function fromUser(session: ChatSession, type: string, id: string) {
  const now = new Date();
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    type,
    id,
    timestamp: now.toISOString(),
    localTimestamp: localTimestamp(now),
    localTimezone: timezone,
    serviceUrl: session.serviceUrl,
    channelId: 'msteams',
    from: { ...session.user },
    conversation: { conversationType: 'personal', tenantId: session.tenantId, id: session.conversationId },
    recipient: { ...session.bot },
    entities: [{ locale: LOCALE, country: 'US', platform: 'Web', timezone, type: 'clientInfo' }],
    channelData: { tenant: { id: session.tenantId } },
    locale: LOCALE,
  };
}

/** The user typed a message. */
export function userMessage(session: ChatSession, text: string) {
  return { ...fromUser(session, 'message', nextMessageId()), text, textFormat: 'plain' };
}

export const cardChannelData = (session: ChatSession, cardMessageId: string) => ({
  tenant: { id: session.tenantId },
  source: { name: 'message' },
  legacy: { replyToId: legacyMessageId(cardMessageId) },
});

/** Action.Submit on a card: a message with the inputs and data in `value`, no text. */
export function cardSubmit(session: ChatSession, cardMessageId: string, value: unknown) {
  return {
    ...fromUser(session, 'message', nextEventId()),
    replyToId: cardMessageId,
    value,
    channelData: cardChannelData(session, cardMessageId),
  };
}

export interface ExecuteAction {
  readonly verb?: string;
  readonly title?: string;
  readonly data?: unknown;
}

/** Action.Execute on a card: the `adaptiveCard/action` invoke (shape of invoke-adaptiveCard-action.json). */
export function cardExecute(session: ChatSession, cardMessageId: string, action: ExecuteAction) {
  return {
    ...fromUser(session, 'invoke', nextEventId()),
    name: 'adaptiveCard/action',
    replyToId: cardMessageId,
    value: {
      action: { type: 'Action.Execute', title: action.title, verb: action.verb, data: action.data ?? {} },
      trigger: 'manual',
    },
    channelData: cardChannelData(session, cardMessageId),
  };
}
