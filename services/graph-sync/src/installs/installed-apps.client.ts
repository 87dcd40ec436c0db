import { GraphError, graphPath, type GraphClient } from '@herald/graph-client';

/** A user-scope installation of the bot's app. */
export interface Installation {
  id: string;
}

/**
 * The bot's app in one user's personal scope (`users/{id}/teamwork/installedApps`): find it, install
 * it, and read the one-on-one chat of the user and the bot.
 */
export class InstalledAppsClient {
  constructor(
    private readonly graph: GraphClient,
    private readonly catalogAppId: string,
    private readonly graphBaseUrl: string,
  ) {}

  /** The installation of the catalog app for the user, if any (404: no such user). */
  async find(userId: string): Promise<Installation | undefined> {
    const filter = encodeURIComponent(`teamsApp/id eq '${this.catalogAppId.replace(/'/g, "''")}'`);
    const body = await this.graph.get<{ value?: Installation[] }>(`${graphPath`/users/${userId}/teamwork/installedApps`}?$expand=teamsApp&$filter=${filter}`);
    return body?.value?.[0];
  }

  /** Installs the app for the user: `installed` (201), or `alreadyInstalled` (409). */
  async install(userId: string): Promise<'installed' | 'alreadyInstalled'> {
    const bind = `${this.graphBaseUrl.replace(/\/+$/, '')}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(this.catalogAppId)}`;
    try {
      await this.graph.post(graphPath`/users/${userId}/teamwork/installedApps`, { 'teamsApp@odata.bind': bind });
      return 'installed';
    } catch (error) {
      if (error instanceof GraphError && error.status === 409) return 'alreadyInstalled';
      throw error;
    }
  }

  /** The chat id of the installation (`19:…@unq.gbl.spaces`); undefined when the installation is gone (404). */
  async chatId(userId: string, installationId: string): Promise<string | undefined> {
    try {
      return (await this.graph.get<{ id: string }>(graphPath`/users/${userId}/teamwork/installedApps/${installationId}/chat`)).id;
    } catch (error) {
      if (error instanceof GraphError && error.status === 404) return undefined;
      throw error;
    }
  }
}
