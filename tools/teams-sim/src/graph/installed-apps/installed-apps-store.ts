import { installationIdOf, personalChatIdOf, type TeamsCatalogApp } from './teams-app-catalog.js';

/** An app installed in a user's personal scope. */
export interface AppInstallation {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly teamsAppId: string;
  /** The one-on-one chat of the user and the bot. */
  readonly chatId: string;
  readonly installedAt: number;
}

/** Every install request that got past authentication and throttling, in order. */
export interface InstallRecord {
  readonly tenantId: string;
  readonly userId: string;
  readonly teamsAppId: string;
  /** 201 installed, 409 already installed, 404 no such user or app, 400 a bad request. */
  readonly status: number;
  /** Epoch milliseconds. */
  readonly at: number;
  /** Whether the sim posted a conversationUpdate to the bot for this install. */
  readonly conversationUpdate: boolean;
}

/** Installations per tenant and user, and the log of install requests. */
export class InstalledApps {
  private readonly installations = new Map<string, Map<string, AppInstallation>>();
  readonly log: InstallRecord[] = [];
  /** How many installs succeeded through Graph so far. */
  installedThroughGraph = 0;

  constructor(
    readonly catalog: TeamsCatalogApp,
    private readonly botAppId: string,
  ) {}

  private key = (tenantId: string, userId: string) => `${tenantId.toLowerCase()}|${userId.toLowerCase()}`;

  list(tenantId: string, userId: string): AppInstallation[] {
    return [...(this.installations.get(this.key(tenantId, userId))?.values() ?? [])];
  }

  get(tenantId: string, userId: string, installationId: string): AppInstallation | undefined {
    return this.installations.get(this.key(tenantId, userId))?.get(installationId);
  }

  /** Installs the catalog app for the user: the new installation, or undefined when it was installed already. */
  install(tenantId: string, userId: string, at: number): AppInstallation | undefined {
    const key = this.key(tenantId, userId);
    let installed = this.installations.get(key);
    if (!installed) this.installations.set(key, (installed = new Map<string, AppInstallation>()));
    const id = installationIdOf(userId, this.catalog.id);
    if (installed.has(id)) return undefined;
    const installation = { id, tenantId, userId, teamsAppId: this.catalog.id, chatId: personalChatIdOf(userId, this.botAppId), installedAt: at };
    installed.set(id, installation);
    return installation;
  }

  uninstall(tenantId: string, userId: string, installationId: string): AppInstallation | undefined {
    const installed = this.installations.get(this.key(tenantId, userId));
    const installation = installed?.get(installationId);
    installed?.delete(installationId);
    return installation;
  }
}
