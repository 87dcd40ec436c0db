import { z } from 'zod';
import {
  checkMicrosoftEnv,
  DEV_TEAMS_APP_CATALOG_ID,
  endpointUrl,
  graphLimitsEnv,
  microsoftEnv,
  serviceEnv,
  toGraphLimits,
  toMicrosoftConfig,
  toServiceConfig,
  type DeepReadonly,
} from '@herald/config';

/** Microsoft's documented serviceUrl for proactive messages in the public global cloud (used only when a tenant has none verified yet). */
export const GLOBAL_PROACTIVE_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

const directoryEnv = {
  /** How often every known tenant's directory is synced (a round fetches only what changed). */
  GRAPH_SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** Tenants synced besides those Herald is installed in (comma list). */
  GRAPH_SYNC_TENANT_IDS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((id) => id.trim()).filter(Boolean)),
  /** A replica's hold on a tenant's sync, renewed every page; a dead replica's is taken over after it. */
  GRAPH_SYNC_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
};

const groupsAndInstallsEnv = {
  /** How long a group's transitive members are served from graph-sync's cache before a first page fetches them again. */
  GRAPH_GROUP_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(900),
  /** The Teams app's id in the org catalog, for proactive install (dev mode: teams-sim's). */
  TEAMS_APP_CATALOG_ID: z.string().trim().optional(),
  /** serviceUrl of a tenant no conversation has verified one for yet; default Microsoft's global one (dev mode: teams-sim's). Empty: none. */
  GRAPH_SYNC_SERVICE_URL: z.union([z.literal(''), endpointUrl()]).optional(),
};

export const graphSyncConfigSchema = z
  .object({ ...serviceEnv(3983), ...microsoftEnv, ...graphLimitsEnv, ...directoryEnv, ...groupsAndInstallsEnv })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => {
    const microsoft = toMicrosoftConfig(env);
    return {
      ...toServiceConfig(env, 'graph-sync'),
      microsoft,
      directory: { intervalMs: env.GRAPH_SYNC_INTERVAL_SECONDS * 1000, tenantIds: env.GRAPH_SYNC_TENANT_IDS, leaseSeconds: env.GRAPH_SYNC_LEASE_SECONDS },
      groups: { cacheMs: env.GRAPH_GROUP_CACHE_SECONDS * 1000 },
      installs: {
        limits: toGraphLimits(env),
        catalogAppId: env.TEAMS_APP_CATALOG_ID || (microsoft.devMode ? DEV_TEAMS_APP_CATALOG_ID : undefined),
        botId: `28:${microsoft.appId}`,
        fallbackServiceUrl: fallbackServiceUrl(env.GRAPH_SYNC_SERVICE_URL, microsoft.devMode, env.TEAMS_SIM_URL),
      },
    };
  });

/** GRAPH_SYNC_SERVICE_URL as set ('' = none), else teams-sim's connector in dev mode, else Microsoft's global proactive one. */
function fallbackServiceUrl(configured: string | undefined, devMode: boolean, simUrl: string): string | undefined {
  if (configured !== undefined) return configured === '' ? undefined : configured;
  return devMode ? `${simUrl.replace(/\/$/, '')}/` : GLOBAL_PROACTIVE_SERVICE_URL;
}

export type GraphSyncConfig = DeepReadonly<z.output<typeof graphSyncConfigSchema>>;
