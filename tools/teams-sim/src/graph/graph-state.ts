import { TenantDirectories } from './directory/tenant-directory.js';
import { GroupStore } from './groups/group-store.js';
import { GraphFaults } from './graph-faults.js';
import type { InstallEventConversationId, InstallEvents } from './installed-apps/install-conversation-update.js';
import { InstalledApps } from './installed-apps/installed-apps-store.js';
import type { TeamsCatalogApp } from './installed-apps/teams-app-catalog.js';
import { GraphLimits } from './graph-limits.js';
import { Snapshots } from './graph-paging.js';

/** What a paged listing remembers between its pages. */
export interface ListingMeta {
  readonly tenantId: string;
  readonly generation: number;
  /** users/delta: the directory version the round's deltaLink continues from. */
  readonly deltaVersion?: number;
  readonly select?: readonly string[];
  /** The path and query (without $skiptoken) the nextLink repeats. */
  readonly path: string;
}

export interface GraphCounts {
  /** Every Graph request, whatever its answer. */
  calls: number;
  /** Every page of a collection served (users/delta, transitiveMembers, group search, installed apps). */
  pagesServed: number;
  /** Every 429 Graph answered (limits exceeded or a 429 fault). */
  throttled: number;
}

/** Microsoft Graph's side of the sim: directories, snapshots behind skip tokens, faults, limits, counters. */
export interface GraphState {
  readonly directories: TenantDirectories;
  readonly groups: GroupStore;
  readonly listings: Snapshots<ListingMeta>;
  readonly faults: GraphFaults;
  readonly limits: GraphLimits;
  readonly counts: GraphCounts;
  readonly installs: InstalledApps;
  /** Whether installs are followed by a conversationUpdate to the bot. */
  installEvents: InstallEvents;
  /** The chat id the conversationUpdate of an install names. */
  installEventConversationId: InstallEventConversationId;
}

export interface GraphStateOptions {
  readonly catalogApp: TeamsCatalogApp;
  readonly botAppId: string;
  readonly installEvents?: InstallEvents;
  readonly installEventConversationId?: InstallEventConversationId;
}

export function createGraphState({ catalogApp, botAppId, installEvents = 'always', installEventConversationId = 'chat' }: GraphStateOptions): GraphState {
  return {
    directories: new TenantDirectories(),
    groups: new GroupStore(),
    listings: new Snapshots(),
    faults: new GraphFaults(),
    limits: new GraphLimits(),
    counts: { calls: 0, pagesServed: 0, throttled: 0 },
    installs: new InstalledApps(catalogApp, botAppId),
    installEvents,
    installEventConversationId,
  };
}
