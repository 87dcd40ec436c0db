import type { GraphSimApi } from './graph-sim.types.js';
import { changeDirectory } from './directory/change-directory.js';
import { seedDirectory } from './directory/seed-directory.js';
import type { GraphState } from './graph-state.js';

/** TeamsSim's Graph members over the sim's Graph state; `tenantId` defaults to the sim's tenant. */
export function graphSimApi(graph: GraphState, baseUrl: string, defaultTenantId: string): GraphSimApi {
  const directory = (tenantId?: string) => graph.directories.of(tenantId ?? defaultTenantId);
  return {
    graphBaseUrl: `${baseUrl}/graph`,
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
    seedDirectory: ({ tenantId, ...options }) => seedDirectory(directory(tenantId), options),
    changeDirectory: ({ tenantId, ...options }) => changeDirectory(directory(tenantId), options),
    directoryUser: (id, tenantId) => directory(tenantId).get(id),
    directoryUserIds: (tenantId) => directory(tenantId).liveIds(),
    expireDeltaTokens: () => {
      for (const tenant of graph.directories.all()) tenant.generation += 1;
      graph.listings.forget((snapshot) => snapshot.meta.deltaVersion !== undefined);
    },
    createGroup: ({ tenantId, ...options }) => graph.groups.create(tenantId ?? defaultTenantId, options),
    graphLimits: (options) => graph.limits.configure(options),
  };
}
