import type { SimState } from '../sim-state.js';
import { changeDirectory } from './directory/change-directory.js';
import { seedDirectory } from './directory/seed-directory.js';
import type { GraphSimApi } from './graph-sim.types.js';
import { chatJoined, chatLeft } from './installed-apps/install-chat-faults.js';
import { installationIdOf } from './installed-apps/teams-app-catalog.js';

/** The directory and install members; `tenantId` defaults to the sim's tenant. */
function tenantData(state: SimState) {
  const { graph } = state;
  const directory = (tenantId?: string) => graph.directories.of(tenantId ?? state.tenantId);
  const tenant = (tenantId?: string) => (tenantId ?? state.tenantId).toLowerCase();
  return {
    seedDirectory: ({ tenantId, ...options }) => seedDirectory(directory(tenantId), options),
    changeDirectory: ({ tenantId, ...options }) => changeDirectory(directory(tenantId), options),
    directoryUser: (id, tenantId) => directory(tenantId).get(id),
    directoryUserIds: (tenantId) => directory(tenantId).liveIds(),
    createGroup: ({ tenantId, ...options }) => graph.groups.create(tenant(tenantId), options),
    teamsAppId: graph.installs.catalog.id,
    setInstallEvents: (mode) => void (graph.installEvents = mode),
    installs: graph.installs.log,
    installApp: (userId, tenantId) => {
      const installation = graph.installs.install(tenant(tenantId), userId, Date.now());
      if (installation) chatJoined(state, installation);
      return installation;
    },
    uninstallApp: (userId, tenantId) => {
      const installation = graph.installs.uninstall(tenant(tenantId), userId, installationIdOf(userId, graph.installs.catalog.id));
      if (installation) chatLeft(state, installation);
    },
  } satisfies Partial<GraphSimApi>;
}

/** TeamsSim's Graph members over the sim's Graph state. */
export function graphSimApi(state: SimState): GraphSimApi {
  const { graph } = state;
  return {
    ...tenantData(state),
    graphBaseUrl: `${state.baseUrl}/graph`,
    failGraph: (fault) => graph.faults.set(fault),
    get graphCalls() {
      return graph.counts.calls;
    },
    get graphPagesServed() {
      return graph.counts.pagesServed;
    },
    get graphThrottled() {
      return graph.counts.throttled;
    },
    expireDeltaTokens: () => {
      for (const tenant of graph.directories.all()) tenant.generation += 1;
      graph.listings.forget((snapshot) => snapshot.meta.deltaVersion !== undefined);
    },
    graphLimits: (options) => graph.limits.configure(options),
  };
}
