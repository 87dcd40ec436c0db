import { z } from 'zod';
import { checkMicrosoftEnv, microsoftEnv, serviceEnv, toMicrosoftConfig, toServiceConfig, type DeepReadonly } from '@herald/config';

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

export const graphSyncConfigSchema = z
  .object({ ...serviceEnv(3983), ...microsoftEnv, ...directoryEnv })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => ({
    ...toServiceConfig(env, 'graph-sync'),
    microsoft: toMicrosoftConfig(env),
    directory: { intervalMs: env.GRAPH_SYNC_INTERVAL_SECONDS * 1000, tenantIds: env.GRAPH_SYNC_TENANT_IDS, leaseSeconds: env.GRAPH_SYNC_LEASE_SECONDS },
  }));

export type GraphSyncConfig = DeepReadonly<z.output<typeof graphSyncConfigSchema>>;
