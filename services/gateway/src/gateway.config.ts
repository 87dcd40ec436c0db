import { z } from 'zod';
import { checkMicrosoftEnv, microsoftEnv, serviceEnv, toMicrosoftConfig, toServiceConfig, type DeepReadonly } from '@herald/config';

export const gatewayConfigSchema = z
  .object({ ...serviceEnv(3978), ...microsoftEnv })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => ({ ...toServiceConfig(env, 'gateway'), microsoft: toMicrosoftConfig(env) }));

export type GatewayConfig = DeepReadonly<z.output<typeof gatewayConfigSchema>>;
