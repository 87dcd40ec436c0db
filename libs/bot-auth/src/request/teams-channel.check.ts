import { AuthError } from '../auth-error.js';

/** Herald is a Teams bot: the only channel id it answers. */
export const TEAMS_CHANNEL_ID = 'msteams';

/** Rule 7: `activity.channelId` is `msteams` (a valid token for another channel is still forbidden here). */
export function checkTeamsChannel(channelId: string | undefined): void {
  if (channelId !== TEAMS_CHANNEL_ID) {
    throw new AuthError(403, 'teams-channel', `channel ${String(channelId)} is not ${TEAMS_CHANNEL_ID}`);
  }
}
