import type { ChangeDirectoryOptions, DirectoryChanges } from './directory/change-directory.js';
import type { DirectoryUser } from './directory/directory-user.js';
import type { SeedDirectoryOptions } from './directory/seed-directory.js';
import type { CreateGroupOptions, DirectoryGroup } from './groups/group-store.js';
import type { GraphFault } from './graph-errors.js';
import type { GraphLimitOptions } from './graph-limits.js';
import type { InstallEvents } from './installed-apps/install-conversation-update.js';
import type { AppInstallation, InstallRecord } from './installed-apps/installed-apps-store.js';

/** The Microsoft Graph side of TeamsSim. */
export interface GraphSimApi {
  /** `${url}/graph`: Microsoft Graph's base (GRAPH_BASE_URL), e.g. GET `${graphBaseUrl}/v1.0/me`. */
  readonly graphBaseUrl: string;
  /**
   * From now on Graph calls answer `fault.status` with Graph's error body (and Retry-After): every call, or only
   * those matching `path`/`method`, `times` times or until cleared. A fault for the same method and path
   * replaces the earlier one; undefined clears them all.
   */
  failGraph(fault: GraphFault | undefined): void;
  /** How many requests Graph received (failed ones included). */
  readonly graphCalls: number;
  /** How many collection pages Graph served (users/delta, transitiveMembers, group search, installed apps). */
  readonly graphPagesServed: number;
  /** How many calls Graph answered 429 (its limits exceeded, or a 429 fault). */
  readonly graphThrottled: number;
  /** Generates deterministic users into a tenant's directory (default the sim's): members, then guests. */
  seedDirectory(options: SeedDirectoryOptions): DirectoryUser[];
  /** Updates, disables, removes and adds users of a tenant's directory; returns exactly what the next delta round reports. */
  changeDirectory(options: ChangeDirectoryOptions): DirectoryChanges;
  /** A user of a tenant's directory (default the sim's), undefined once removed. */
  directoryUser(id: string, tenantId?: string): DirectoryUser | undefined;
  /** The ids of a tenant's current users, in creation order. */
  directoryUserIds(tenantId?: string): string[];
  /** Every delta and skip token issued so far (all tenants) answers 410 Gone `syncStateNotFound` from now on. */
  expireDeltaTokens(): void;
  /** Creates a security group in a tenant (default the sim's); nested groups' members are its transitive members. */
  createGroup(options: CreateGroupOptions): DirectoryGroup;
  /** The bot's app in the Teams app catalog: `teamsApp/id` to filter installed apps by and to bind on install. */
  readonly teamsAppId: string;
  /** From now on, whether an install is followed by a conversationUpdate to the bot (`sometimes`: every other one). */
  setInstallEvents(mode: InstallEvents): void;
  /** Every install request past authentication and throttling, with its status, time and conversationUpdate. */
  readonly installs: readonly InstallRecord[];
  /** The bot's app installed for a user, as if an admin or the user did it (no Graph call, no conversationUpdate). */
  installApp(userId: string, tenantId?: string): AppInstallation | undefined;
  /** Uninstalls the bot's app for a user: its chat answers Bot Connector sends 403 BotNotInConversationRoster. */
  uninstallApp(userId: string, tenantId?: string): void;
  /** Graph's throttling per tenant (429 + Retry-After beyond it); `{}` lifts every limit. */
  graphLimits(options: GraphLimitOptions): void;
}
