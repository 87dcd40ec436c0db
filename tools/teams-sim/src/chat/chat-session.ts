import { legacyMessageId, nextEventId, nextMessageId, personalConversationId, teamsUserId } from '../conversations/teams-ids.js';

/** The one simulated Teams user who chats with the bot on the chat page. */
const USER_AAD_OBJECT_ID = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';
const USER_NAME = 'Megan Bowen';
const LOCALE = 'en-US';

export interface ChatSession {
  readonly serviceUrl: string;
  readonly tenantId: string;
  readonly conversationId: string;
  readonly user: { readonly id: string; readonly name: string; readonly aadObjectId: string };
  readonly bot: { readonly id: string; readonly name: string };
}

export function createChatSession(appId: string, botName: string, tenantId: string, serviceUrl: string): ChatSession {
  const userId = teamsUserId(USER_AAD_OBJECT_ID);
  return {
    serviceUrl,
    tenantId,
    conversationId: personalConversationId(appId, userId, tenantId),
    user: { id: userId, name: USER_NAME, aadObjectId: USER_AAD_OBJECT_ID },
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
function fromUser(session: ChatSession, type: string, id: string) {
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

const cardChannelData = (session: ChatSession, cardMessageId: string) => ({
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
