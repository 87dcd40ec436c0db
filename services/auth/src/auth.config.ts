import { z } from 'zod';
import { checkMicrosoftEnv, microsoftEnv, serviceEnv, toMicrosoftConfig, toServiceConfig, type DeepReadonly } from '@herald/config';

export const authConfigSchema = z
  .object({ ...serviceEnv(3979), ...microsoftEnv })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => ({ ...toServiceConfig(env, 'auth'), microsoft: toMicrosoftConfig(env) }));

export type AuthConfig = DeepReadonly<z.output<typeof authConfigSchema>>;
