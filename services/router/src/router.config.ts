import { z } from 'zod';
import { serviceEnv, toServiceConfig, type DeepReadonly } from '@herald/config';

export const routerConfigSchema = z.object({ ...serviceEnv(3981) }).transform((env) => toServiceConfig(env, 'router'));

export type RouterConfig = DeepReadonly<z.output<typeof routerConfigSchema>>;
