import { createHash } from 'node:crypto';
import { z } from 'zod';
import { checkMicrosoftEnv, DEV_GATEWAY_URL, microsoftEnv, serviceEnv, toMicrosoftConfig, toServiceConfig, type DeepReadonly } from '@herald/config';

/** Microsoft's TeamsJS, which the sign-in page uses to hand its code to Teams. */
const TEAMS_JS_CDN = 'https://res.cdn.office.net/teams-js/2.34.0/js/MicrosoftTeams.min.js';

export const authConfigSchema = z
  .object({
    ...serviceEnv(3979),
    ...microsoftEnv,
    /**
     * The Application ID URI of the bot's Entra app (`webApplicationInfo.resource` of the Teams
     * manifest): what Teams asks a single sign-on token for. Default `api://botid-{MICROSOFT_APP_ID}`.
     */
    SSO_RESOURCE_URI: z.string().regex(/^api:\/\/\S+$/, 'an api:// URI').optional(),
    /** The OAuth connection name Teams echoes back in sign-in invokes. */
    OAUTH_CONNECTION_NAME: z.string().min(1).max(256).default('herald'),
    /** Where browsers reach this service (the sign-in button and the redirect URI `{url}/auth/callback`); https outside dev mode. */
    AUTH_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Signs sign-in links and derives their PKCE verifiers and cookie key; default derived from MICROSOFT_APP_PASSWORD. */
    AUTH_STATE_SECRET: z.string().min(32).optional(),
    TEAMS_JS_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** How long a sign-in code works once the browser sign-in completed. */
    AUTH_SIGNIN_CODE_SECONDS: z.coerce.number().int().min(1).max(900).default(300),
    /**
     * Where the messages console lives (served by the gateway), e.g. https://herald.example/console: its browser
     * sign-in (`{AUTH_PUBLIC_URL}/auth/console/signin`) returns only to pages under it. Dev mode default: the
     * dev gateway's /console. Unset outside dev mode: no browser sign-in for the console (Teams SSO only).
     */
    CONSOLE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Dev mode: the simulator's https Entra (passport-azure-ad fetches only https metadata). */
    TEAMS_SIM_ENTRA_URL: z.url({ protocol: /^https$/ }).optional(),
  })
  .superRefine(checkMicrosoftEnv)
  .superRefine((env, ctx) => {
    if (env.MICROSOFT_APP_ID !== undefined && env.AUTH_PUBLIC_URL?.startsWith('http:')) {
      ctx.addIssue({ code: 'custom', path: ['AUTH_PUBLIC_URL'], message: 'must be https outside dev mode' });
    }
    if (env.MICROSOFT_APP_ID !== undefined && env.CONSOLE_PUBLIC_URL?.startsWith('http:')) {
      ctx.addIssue({ code: 'custom', path: ['CONSOLE_PUBLIC_URL'], message: 'must be https outside dev mode' });
    }
  })
  .transform((env) => {
    const microsoft = toMicrosoftConfig(env);
    const secret = env.AUTH_STATE_SECRET ?? createHash('sha256').update(`herald-signin\u0000${microsoft.appPassword}`).digest('base64url');
    const publicUrl = (env.AUTH_PUBLIC_URL ?? (microsoft.devMode ? `http://127.0.0.1:${env.PORT}` : undefined))?.replace(/\/+$/, '');
    const resourceUri = env.SSO_RESOURCE_URI ?? `api://botid-${microsoft.appId}`;
    const consoleUrl = (env.CONSOLE_PUBLIC_URL ?? (microsoft.devMode ? `${DEV_GATEWAY_URL}/console` : undefined))?.replace(/\/+$/, '');
    return {
      ...toServiceConfig(env, 'auth'),
      microsoft,
      signin: {
        resourceUri,
        connectionName: env.OAUTH_CONNECTION_NAME,
        /** Without it (production, not configured) Teams can only sign people in by single sign-on. */
        publicUrl,
        stateSecret: secret,
        codeLifetimeMs: env.AUTH_SIGNIN_CODE_SECONDS * 1_000,
        teamsJsUrl: env.TEAMS_JS_URL ?? (microsoft.devMode ? `${env.TEAMS_SIM_URL.replace(/\/+$/, '')}/chat/vendor/teams-js.js` : TEAMS_JS_CDN),
        oidcAuthorityHost: microsoft.devMode ? env.TEAMS_SIM_ENTRA_URL : microsoft.authorityHost,
      },
      /** The console's browser sign-in; off without a public URL for this service or for the console. */
      console: {
        consoleUrl,
        /** Herald's delegated scope (Teams SSO's `access_as_user` under the Application ID URI): the token is for Herald's API. */
        apiScope: `${resourceUri}/access_as_user`,
        /** A single-tenant app signs people in at its tenant; a multi-tenant one at `organizations` (their own). */
        authority: microsoft.appType === 'SingleTenant' && microsoft.appTenantId ? microsoft.appTenantId : 'organizations',
      },
    };
  });

export type AuthConfig = DeepReadonly<z.output<typeof authConfigSchema>>;
