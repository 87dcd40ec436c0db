import { z } from 'zod';
import { checkMicrosoftEnv, microsoftEnv, serviceEnv, toMicrosoftConfig, toServiceConfig, type DeepReadonly } from '@herald/config';

export const graphSyncConfigSchema = z
  .object({ ...serviceEnv(3983), ...microsoftEnv })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => ({ ...toServiceConfig(env, 'graph-sync'), microsoft: toMicrosoftConfig(env) }));

export type GraphSyncConfig = DeepReadonly<z.output<typeof graphSyncConfigSchema>>;
