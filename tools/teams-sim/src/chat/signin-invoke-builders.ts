import { CHAT_USER_AAD_OBJECT_ID } from '../entra/user-directory.js';
import type { TeamsSim } from '../teams-sim.types.js';
import { createChatSession } from './chat-session.js';
import { tokenExchange, verifyState, type TokenExchangeValue } from './signin-invokes.js';

/** The personal chat of a user of the sim's directory with the bot (the chat page's when no user is named). */
function sessionOf(sim: TeamsSim, aadObjectId: string = CHAT_USER_AAD_OBJECT_ID) {
  const user = sim.getUser(aadObjectId);
  return createChatSession({
    appId: sim.appId,
    botName: sim.botName,
    tenantId: user.tenantId,
    serviceUrl: sim.serviceUrl,
    user: { aadObjectId: user.id, name: user.displayName },
  });
}

/**
 * A `signin/tokenExchange` invoke from the chat page user (or `aadObjectId`), with a fresh id, for a test to
 * post with `sim.postActivity(activity)`; `value.token` typically from `sim.mintUserSsoToken()`.
 */
export function tokenExchangeInvoke(sim: TeamsSim, value: TokenExchangeValue, options: { aadObjectId?: string } = {}) {
  return tokenExchange(sessionOf(sim, options.aadObjectId), value);
}

/**
 * A `signin/verifyState` invoke from the chat page user (or `aadObjectId`), with a fresh id: what Teams sends
 * when the sign-in popup calls `notifySuccess(state)`. `replyToId`: the OAuth card's message id, if known.
 */
export function verifyStateInvoke(sim: TeamsSim, state: string, options: { aadObjectId?: string; replyToId?: string } = {}) {
  return verifyState(sessionOf(sim, options.aadObjectId), state, options.replyToId);
}
