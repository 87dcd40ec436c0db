import { z } from 'zod';
import { apiKeysEnv, checkMicrosoftEnv, rateLimitEnv, microsoftEnv, serviceEnv, toMicrosoftConfig, toServiceConfig, type DeepReadonly } from '@herald/config';

/** The auth service's address in dev mode (its default port on loopback). */
const DEV_AUTH_PUBLIC_URL = 'http://127.0.0.1:3979';
/** Teams' web, desktop and Microsoft 365 hosts that frame a tab. */
const TEAMS_FRAME_ANCESTORS = ["'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.office.com', 'https://*.cloud.microsoft'];

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
    /** Where browsers reach the auth service: the console's sign-in page is `${AUTH_PUBLIC_URL}/console/signin` (dev default http://127.0.0.1:3979). */
    AUTH_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => ({
    ...toServiceConfig(env, 'gateway'),
    microsoft: toMicrosoftConfig(env),
    apiKeys: env.HERALD_API_KEYS ?? [],
    apiRateLimit: env.HERALD_API_RATE_LIMIT,
    apiEntra: apiEntraOf(env),
    consolePages: consolePagesOf(env),
  }));

/** The console's sign-in page, and who may frame the console (Teams; in dev mode also teams-sim's pages). */
function consolePagesOf(env: { MICROSOFT_APP_ID?: string | undefined; AUTH_PUBLIC_URL?: string | undefined; TEAMS_SIM_URL: string }) {
  const devMode = env.MICROSOFT_APP_ID === undefined;
  const authUrl = env.AUTH_PUBLIC_URL ?? (devMode ? DEV_AUTH_PUBLIC_URL : undefined);
  return {
    authSignInUrl: authUrl ? `${authUrl.replace(/\/+$/, '')}/console/signin` : null,
    frameAncestors: [...TEAMS_FRAME_ANCESTORS, ...(devMode ? [new URL(env.TEAMS_SIM_URL).origin] : [])],
  };
}

/** Where Entra access tokens for the API are checked, when a tenant and an https authority are known. */
function apiEntraOf(env: { MICROSOFT_APP_ID?: string | undefined; MICROSOFT_APP_TENANT_ID?: string | undefined; HERALD_API_TENANT_ID?: string | undefined; AAD_AUTHORITY_HOST?: string | undefined; TEAMS_SIM_ENTRA_URL?: string | undefined }) {
  const tenantId = env.HERALD_API_TENANT_ID ?? env.MICROSOFT_APP_TENANT_ID;
  const authorityHost = env.MICROSOFT_APP_ID === undefined ? env.TEAMS_SIM_ENTRA_URL : (env.AAD_AUTHORITY_HOST ?? 'https://login.microsoftonline.com');
  if (!tenantId || !authorityHost?.startsWith('https://')) return undefined;
  return { tenantId, authorityHost: authorityHost.replace(/\/+$/, '') };
}

export type GatewayConfig = DeepReadonly<z.output<typeof gatewayConfigSchema>>;
