import { DEV_APP_ID, DEV_TEAMS_APP_CATALOG_ID } from '@herald/config';
import { stableObjectId } from '../directory/directory-user.js';

/** The bot's app in the organization's Teams app catalog (Graph's teamsApp resource). */
export interface TeamsCatalogApp {
  /** The catalog id (`teamsApp/id`, TEAMS_APP_CATALOG_ID): not the manifest id, not the bot's app id. */
  readonly id: string;
  /** The manifest id. */
  readonly externalId: string;
  readonly displayName: string;
  readonly distributionMethod: 'organization';
}

/** The catalog entry of the bot's app: the dev registration's is DEV_TEAMS_APP_CATALOG_ID (graph-sync's dev-mode default), another's derives from its app id. */
export function catalogAppFor(appId: string, botName: string, catalogId?: string): TeamsCatalogApp {
  const devApp = appId.toLowerCase() === DEV_APP_ID.toLowerCase();
  return {
    id: catalogId ?? (devApp ? DEV_TEAMS_APP_CATALOG_ID : stableObjectId('teams-app-catalog', appId.toLowerCase())),
    externalId: appId,
    displayName: botName,
    distributionMethod: 'organization',
  };
}

/** The app's definition (version) as `$expand=teamsAppDefinition` shows it. */
export const appDefinition = (app: TeamsCatalogApp) => ({
  id: Buffer.from(`${app.id}##1.0.0##Published`).toString('base64'),
  teamsAppId: app.id,
  displayName: app.displayName,
  version: '1.0.0',
});

/**
 * A user-scope installation id: like Graph's (the base64 of "{userId}##{teamsAppId}", per the examples of
 * "Get app installed for user"), with `-`/`_` for `+`/`/` so it is always one path segment.
 */
export const installationIdOf = (userId: string, teamsAppId: string): string =>
  Buffer.from(`${userId}##${teamsAppId}`).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The one-on-one chat of a user and a bot: `19:{id}_{id}@unq.gbl.spaces` of the two ids in order (as in
 * the example of "Get one-on-one chat between the specified user and Teams app"); the same for every install.
 */
export function personalChatIdOf(userId: string, botAppId: string): string {
  const [first, second] = [userId.toLowerCase(), botAppId.toLowerCase()].sort();
  return `19:${first}_${second}@unq.gbl.spaces`;
}
