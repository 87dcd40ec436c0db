import type { ConnectorFault } from '../../connector/connector-limits.js';
import type { SimState } from '../../sim-state.js';
import { chatIdsOf } from './install-conversation-update.js';
import type { AppInstallation } from './installed-apps-store.js';

/** What Teams answers a bot sending to a chat it is no longer in. */
const NOT_IN_ROSTER = { status: 403, code: 'BotNotInConversationRoster' } as const;

const isNotInRoster = (fault: ConnectorFault | undefined): boolean =>
  typeof fault === 'object' && 'code' in fault && fault.code === NOT_IN_ROSTER.code;

/** The app is installed (again): the Bot Connector accepts sends to its chat, by either id (a test's own faults stay). */
export function chatJoined(state: SimState, installation: AppInstallation): void {
  for (const id of chatIdsOf(installation, state.options.appId)) {
    if (isNotInRoster(state.limits.faults.get(id))) state.limits.faults.delete(id);
  }
}

/** The app was uninstalled: sends to its chat, by either id, answer 403 BotNotInConversationRoster. */
export function chatLeft(state: SimState, installation: AppInstallation): void {
  for (const id of chatIdsOf(installation, state.options.appId)) state.limits.faults.set(id, { ...NOT_IN_ROSTER });
}
