import { nextEventId } from '../conversations/teams-ids.js';
import { cardChannelData, fromUser, type ChatSession } from './chat-session.js';

/** The value of `signin/tokenExchange`: the OAuth card's tokenExchangeResource id, its connection, the SSO token. */
export interface TokenExchangeValue {
  readonly id: string;
  readonly connectionName: string;
  readonly token: string;
}

const sourceMessage = (session: ChatSession) => ({ tenant: { id: session.tenantId }, source: { name: 'message' } });

/**
 * Teams obtained the user's SSO token for an OAuth card and hands it to the bot (shape of
 * invoke-signin-tokenExchange.json, with the client fields every activity from the user carries).
 */
export function tokenExchange(session: ChatSession, value: TokenExchangeValue) {
  return {
    ...fromUser(session, 'invoke', nextEventId()),
    name: 'signin/tokenExchange',
    channelData: sourceMessage(session),
    value: { id: value.id, connectionName: value.connectionName, token: value.token },
  };
}

/**
 * The sign-in popup called `authentication.notifySuccess(state)`: Teams asks the bot to verify the state
 * (shape of invoke-signin-verifyState.json; `replyToId` is the OAuth card's message when known).
 */
export function verifyState(session: ChatSession, state: string, cardMessageId?: string) {
  return {
    ...fromUser(session, 'invoke', nextEventId()),
    name: 'signin/verifyState',
    ...(cardMessageId
      ? { replyToId: cardMessageId, channelData: cardChannelData(session, cardMessageId) }
      : { channelData: sourceMessage(session) }),
    value: { state },
  };
}
