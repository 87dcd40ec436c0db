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
    /** The messages console's authors by UPN, comma-separated (case-insensitive). */
    HERALD_AUTHORS: z
      .string()
      .transform((value) => value.split(',').map((upn) => upn.trim().toLowerCase()).filter(Boolean))
      .pipe(z.array(z.string().includes('@', { message: 'a UPN such as megan@contoso.com' })))
      .optional(),
    /** The Entra group whose (transitive) members are the console's authors, besides HERALD_AUTHORS. */
    HERALD_AUTHORS_GROUP_ID: z.uuid().optional(),
    /** The Application ID URI of Herald's Entra app (default `api://botid-{MICROSOFT_APP_ID}`): an audience the console's tokens may have. */
    SSO_RESOURCE_URI: z.string().regex(/^api:\/\/\S+$/, 'an api:// URI').optional(),
    /** Dev mode: teams-sim's https Entra endpoint (passport-azure-ad fetches metadata over https only). */
    TEAMS_SIM_ENTRA_URL: z.url({ protocol: /^https$/ }).optional(),
    /** Where browsers reach the auth service: the console's sign-in page is `${AUTH_PUBLIC_URL}/auth/console/signin` (dev default http://127.0.0.1:3979). */
    AUTH_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine(checkMicrosoftEnv)
  .superRefine((env, ctx) => {
    if (env.MICROSOFT_APP_ID !== undefined && env.AUTH_PUBLIC_URL?.startsWith('http:')) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_PUBLIC_URL'], message: 'must be https outside dev mode (the console sends people there to sign in)' });
    }
  })
  .transform((env) => {
    const microsoft = toMicrosoftConfig(env);
    return {
      ...toServiceConfig(env, 'gateway'),
      microsoft,
      apiKeys: env.HERALD_API_KEYS ?? [],
      apiRateLimit: env.HERALD_API_RATE_LIMIT,
      apiEntra: apiEntraOf(env),
      console: consoleOf(env, microsoft.appId),
      consolePages: consolePagesOf(env),
    };
  });

/** Who may use the messages console, and the audiences its tokens may have. */
function consoleOf(env: { HERALD_AUTHORS?: string[] | undefined; HERALD_AUTHORS_GROUP_ID?: string | undefined; SSO_RESOURCE_URI?: string | undefined }, appId: string) {
  return {
    authors: env.HERALD_AUTHORS ?? [],
    authorsGroupId: env.HERALD_AUTHORS_GROUP_ID,
    resourceUri: env.SSO_RESOURCE_URI ?? `api://botid-${appId}`,
  };
}

/**
 * The console's sign-in page, who may frame the console (Teams; in dev mode also teams-sim's tab
 * host), and the Teams hosts besides Microsoft's that TeamsJS should answer (dev mode: the sim).
 */
function consolePagesOf(env: { MICROSOFT_APP_ID?: string | undefined; AUTH_PUBLIC_URL?: string | undefined; TEAMS_SIM_URL: string }) {
  const devMode = env.MICROSOFT_APP_ID === undefined;
  const authUrl = env.AUTH_PUBLIC_URL ?? (devMode ? DEV_AUTH_PUBLIC_URL : undefined);
  const simHosts = devMode ? [new URL(env.TEAMS_SIM_URL).origin] : [];
  return {
    authSignInUrl: authUrl ? `${authUrl.replace(/\/+$/, '')}/auth/console/signin` : null,
    frameAncestors: [...TEAMS_FRAME_ANCESTORS, ...simHosts],
    teamsHostOrigins: simHosts,
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
