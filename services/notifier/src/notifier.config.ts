import { z } from 'zod';
import { checkMicrosoftEnv, microsoftEnv, serviceEnv, toMicrosoftConfig, toServiceConfig, type DeepReadonly } from '@herald/config';

export const notifierConfigSchema = z
  .object({ ...serviceEnv(3982), ...microsoftEnv })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => ({ ...toServiceConfig(env, 'notifier'), microsoft: toMicrosoftConfig(env) }));

export type NotifierConfig = DeepReadonly<z.output<typeof notifierConfigSchema>>;
