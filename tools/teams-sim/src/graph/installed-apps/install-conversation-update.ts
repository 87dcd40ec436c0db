import { nextEventId, teamsUserId } from '../../conversations/teams-ids.js';
import type { AppInstallation } from './installed-apps-store.js';

/** Whether an install through Graph is followed by a conversationUpdate to the bot: it may never come. */
export type InstallEvents = 'always' | 'never' | 'sometimes';

/** `sometimes`: every other install (the 1st, 3rd, …), so a run has both kinds, the same each time. */
export function announces(mode: InstallEvents, installNumber: number): boolean {
  return mode === 'always' || (mode === 'sometimes' && installNumber % 2 === 1);
}

export interface InstallAnnouncement {
  readonly installation: AppInstallation;
  readonly appId: string;
  readonly botName: string;
  readonly serviceUrl: string;
}

/**
 * The conversationUpdate Teams sends when the bot is added to a personal chat (shape of
 * conversationUpdate-botAdded-personal.json): membersAdded = the bot, for the installation's chat.
 */
export function installConversationUpdate({ installation, appId, botName, serviceUrl }: InstallAnnouncement) {
  const bot = `28:${appId}`;
  return {
    type: 'conversationUpdate',
    id: nextEventId(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: teamsUserId(installation.userId), aadObjectId: installation.userId },
    conversation: { conversationType: 'personal', tenantId: installation.tenantId, id: installation.chatId },
    recipient: { id: bot, name: botName },
    membersAdded: [{ id: bot }],
    channelData: { tenant: { id: installation.tenantId } },
  };
}
