import { nextEventId, personalConversationId, teamsUserId } from '../../conversations/teams-ids.js';
import type { AppInstallation } from './installed-apps-store.js';

/** Whether an install through Graph is followed by a conversationUpdate to the bot: it may never come. */
export type InstallEvents = 'always' | 'never' | 'sometimes';

/** `sometimes`: every other install (the 1st, 3rd, …), so a run has both kinds, the same each time. */
export function announces(mode: InstallEvents, installNumber: number): boolean {
  return mode === 'always' || (mode === 'sometimes' && installNumber % 2 === 1);
}

/**
 * Which id the conversationUpdate names the chat by: `chat`, the Graph chat id (19:…@unq.gbl.spaces) the
 * install's chat answers; `personal`, the Bot Framework id (a:1…) Teams' own activities carry for a
 * personal chat, so the bot must see both ids as one chat of one user.
 */
export type InstallEventConversationId = 'chat' | 'personal';

/** The ids the Bot Connector knows the installation's chat by. */
export const chatIdsOf = (installation: AppInstallation, appId: string): string[] => [
  installation.chatId,
  personalConversationId(appId, teamsUserId(installation.userId), installation.tenantId),
];

export interface InstallAnnouncement {
  readonly installation: AppInstallation;
  readonly conversationId: InstallEventConversationId;
  readonly appId: string;
  readonly botName: string;
  readonly serviceUrl: string;
}

/**
 * The conversationUpdate Teams sends when the bot is added to a personal chat (shape of
 * conversationUpdate-botAdded-personal.json): membersAdded = the bot, for the installation's chat.
 */
export function installConversationUpdate({ installation, conversationId, appId, botName, serviceUrl }: InstallAnnouncement) {
  const bot = `28:${appId}`;
  const [chatId, personalId] = chatIdsOf(installation, appId);
  return {
    type: 'conversationUpdate',
    id: nextEventId(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: teamsUserId(installation.userId), aadObjectId: installation.userId },
    conversation: { conversationType: 'personal', tenantId: installation.tenantId, id: conversationId === 'chat' ? chatId : personalId },
    recipient: { id: bot, name: botName },
    membersAdded: [{ id: bot }],
    channelData: { tenant: { id: installation.tenantId } },
  };
}
