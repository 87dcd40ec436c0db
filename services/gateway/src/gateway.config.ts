import { z } from 'zod';
import { apiKeysEnv, checkMicrosoftEnv, rateLimitEnv, microsoftEnv, serviceEnv, toMicrosoftConfig, toServiceConfig, type DeepReadonly } from '@herald/config';

export const gatewayConfigSchema = z
  .object({
    ...serviceEnv(3978),
    ...microsoftEnv,
    ...apiKeysEnv,
    /**
     * Calls per key (and per Entra app) to the notification API, unless its HERALD_API_KEYS entry
     * says `rate=`. A minute's window lets an app send a burst, and stops a runaway one within a minute.
     */
    HERALD_API_RATE_LIMIT: rateLimitEnv('3000/min'),
    /** Apps of this tenant may call the API with an Entra access token (default MICROSOFT_APP_TENANT_ID). */
    HERALD_API_TENANT_ID: z.string().optional(),
    /** Dev mode: teams-sim's https Entra endpoint (passport-azure-ad fetches metadata over https only). */
    TEAMS_SIM_ENTRA_URL: z.url({ protocol: /^https$/ }).optional(),
  })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => ({
    ...toServiceConfig(env, 'gateway'),
    microsoft: toMicrosoftConfig(env),
    apiKeys: env.HERALD_API_KEYS ?? [],
    apiRateLimit: env.HERALD_API_RATE_LIMIT,
    apiEntra: apiEntraOf(env),
  }));

/** Where Entra access tokens for the API are checked, when a tenant and an https authority are known. */
function apiEntraOf(env: { MICROSOFT_APP_ID?: string | undefined; MICROSOFT_APP_TENANT_ID?: string | undefined; HERALD_API_TENANT_ID?: string | undefined; AAD_AUTHORITY_HOST?: string | undefined; TEAMS_SIM_ENTRA_URL?: string | undefined }) {
  const tenantId = env.HERALD_API_TENANT_ID ?? env.MICROSOFT_APP_TENANT_ID;
  const authorityHost = env.MICROSOFT_APP_ID === undefined ? env.TEAMS_SIM_ENTRA_URL : (env.AAD_AUTHORITY_HOST ?? 'https://login.microsoftonline.com');
  if (!tenantId || !authorityHost?.startsWith('https://')) return undefined;
  return { tenantId, authorityHost: authorityHost.replace(/\/+$/, '') };
}

export type GatewayConfig = DeepReadonly<z.output<typeof gatewayConfigSchema>>;
