import { isIP } from 'node:net';
import { z } from 'zod';
import { apiKeyList } from './api-keys.env.js';
import { DEV_APP_ID, DEV_APP_SECRET, DEV_SIM_URL } from './dev-mode.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** An endpoint URL: https anywhere, plain http only on loopback hosts (CONTRACT.md). */
export const endpointUrl = () =>
  z.url().refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  }, 'must be an https URL (http is accepted only for loopback hosts)');

const list = () =>
  z
    .string()
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

/**
 * The notification API's keys (gateway: who may call, with what scopes, tenants and rate;
 * notifier: whose callbacks to sign). Syntax in api-keys.env.ts.
 */
export const apiKeysEnv = {
  HERALD_API_KEYS: apiKeyList().optional(),
};

/**
 * Where Herald may call an app's `callbackUrl` beyond the public internet: hosts (`*.example`
 * allowed) and CIDRs whose private, loopback or link-local addresses are let through.
 */
export const callbackEnv = {
  HERALD_CALLBACK_ALLOWED_HOSTS: list().optional(),
  HERALD_CALLBACK_ALLOWED_CIDRS: list()
    .refine((cidrs) => cidrs.every(isCidr), 'comma-separated CIDRs, e.g. 10.20.0.0/16, fd00:1::/64')
    .optional(),
};

function isCidr(value: string): boolean {
  const [address = '', bits = ''] = value.split('/');
  const version = isIP(address);
  return version !== 0 && /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

const optionalString = () =>
  z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value));

/** Microsoft's Teams Bot Connector hosts (commercial, GCC, GCC High, DoD). */
export const MICROSOFT_SERVICE_URL_HOSTS = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
];

export const natsEnv = {
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** Prefix of every stream, subject and consumer; tests use their own to stay isolated. */
  HERALD_BUS_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits and _')
    .default('herald'),
  /** Copies of each stream in a NATS cluster (1 locally, 3 in the chart); an existing stream never gets fewer. */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** Storage of new streams (short-lived coordination streams are always in memory); an existing stream keeps its own. */
  NATS_STREAM_STORAGE: z.enum(['file', 'memory']).default('file'),
};

/** NATS alone, for tools that only talk to the bus (npm run dead-letters). */
export const natsConfigSchema = z.object(natsEnv);

export const databaseEnv = {
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .default('postgres://postgres@127.0.0.1:5432/herald'),
};

export const telemetryEnv = {
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};

export const portEnv = (fallback: number) => ({
  PORT: z.coerce.number().int().min(0).max(65535).default(fallback),
});

/** Bot registration and Microsoft endpoints. Without MICROSOFT_APP_ID Herald runs in dev mode against teams-sim. */
export const microsoftEnv = {
  MICROSOFT_APP_ID: optionalString(),
  MICROSOFT_APP_PASSWORD: optionalString(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant']).default('MultiTenant'),
  MICROSOFT_APP_TENANT_ID: optionalString(),
  TEAMS_SIM_URL: endpointUrl().default(DEV_SIM_URL),
  BOT_OPENID_METADATA_URL: endpointUrl().optional(),
  BOT_TOKEN_ISSUER: z.string().default('https://api.botframework.com'),
  AAD_AUTHORITY_HOST: endpointUrl().optional(),
  BOT_CONNECTOR_SCOPE: z.string().default('https://api.botframework.com/.default'),
  GRAPH_BASE_URL: endpointUrl().optional(),
  TRUSTED_SERVICE_URL_HOSTS: list().optional(),
  ALLOWED_TENANT_IDS: list().optional(),
  /** SingleTenant: apps whose Entra tokens (`azp`/`appid`) may post activities; default the bot's own app id. */
  ALLOWED_CALLER_APP_IDS: list().optional(),
};

type MicrosoftEnv = z.output<z.ZodObject<typeof microsoftEnv>>;

/** Graph's Teams limits that the Graph governor keeps across every replica. */
export const graphLimitsEnv = {
  /** App installs per second in one tenant (Teams: 30). */
  GRAPH_INSTALLS_PER_TENANT_PER_SECOND: z.coerce.number().positive().max(1_000).default(30),
  /** App installs per second across all tenants (Teams: 300 per app). */
  GRAPH_INSTALLS_PER_SECOND: z.coerce.number().positive().max(10_000).default(300),
};

/** GraphGovernor's options. */
export function toGraphLimits(env: z.output<z.ZodObject<typeof graphLimitsEnv>>) {
  return { installsPerTenantPerSecond: env.GRAPH_INSTALLS_PER_TENANT_PER_SECOND, installsPerSecond: env.GRAPH_INSTALLS_PER_SECOND };
}

/** Resolves the bot registration, filling dev-mode defaults that point at teams-sim. */
export function toMicrosoftConfig(env: MicrosoftEnv) {
  const devMode = env.MICROSOFT_APP_ID === undefined;
  const sim = env.TEAMS_SIM_URL.replace(/\/$/, '');
  const appId = env.MICROSOFT_APP_ID ?? DEV_APP_ID;
  return {
    devMode,
    appId,
    appPassword: env.MICROSOFT_APP_PASSWORD ?? (devMode ? DEV_APP_SECRET : ''),
    appType: env.MICROSOFT_APP_TYPE,
    appTenantId: env.MICROSOFT_APP_TENANT_ID,
    openIdMetadataUrl:
      env.BOT_OPENID_METADATA_URL ??
      (devMode
        ? `${sim}/v1/.well-known/openidconfiguration`
        : 'https://login.botframework.com/v1/.well-known/openidconfiguration'),
    tokenIssuer: env.BOT_TOKEN_ISSUER,
    authorityHost: (env.AAD_AUTHORITY_HOST ?? (devMode ? sim : 'https://login.microsoftonline.com')).replace(/\/$/, ''),
    connectorScope: env.BOT_CONNECTOR_SCOPE,
    graphBaseUrl: (env.GRAPH_BASE_URL ?? (devMode ? `${sim}/graph` : 'https://graph.microsoft.com')).replace(/\/$/, ''),
    trustedServiceUrlHosts:
      env.TRUSTED_SERVICE_URL_HOSTS ??
      (devMode ? [...MICROSOFT_SERVICE_URL_HOSTS, '127.0.0.1', 'localhost'] : MICROSOFT_SERVICE_URL_HOSTS),
    allowedTenantIds: env.ALLOWED_TENANT_IDS ?? [],
    allowedCallerAppIds: env.ALLOWED_CALLER_APP_IDS ?? [appId],
  };
}

/**
 * The Entra tenant that issues the bot's outbound (Bot Connector) tokens: the app's own tenant
 * for single-tenant bots; for multi-tenant bots `botframework.com`, or in the US government
 * clouds (authority login.microsoftonline.us) `MicrosoftServices.onmicrosoft.us`.
 */
export function outboundTokenTenant(microsoft: { appType: string; appTenantId?: string | undefined; authorityHost: string }): string {
  if (microsoft.appType === 'SingleTenant' && microsoft.appTenantId) return microsoft.appTenantId;
  return new URL(microsoft.authorityHost).hostname.endsWith('.us') ? 'MicrosoftServices.onmicrosoft.us' : 'botframework.com';
}

/** Cross-field rules of the bot registration, for a schema's superRefine. */
export function checkMicrosoftEnv(env: MicrosoftEnv, ctx: z.RefinementCtx): void {
  if (env.MICROSOFT_APP_ID !== undefined && env.MICROSOFT_APP_PASSWORD === undefined) {
    ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: 'required when MICROSOFT_APP_ID is set' });
  }
  if (env.MICROSOFT_APP_TYPE === 'SingleTenant' && env.MICROSOFT_APP_TENANT_ID === undefined) {
    ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: 'required when MICROSOFT_APP_TYPE is SingleTenant' });
  }
}

/** What every Herald service reads: its port, NATS, Postgres, telemetry. */
export const serviceEnv = (defaultPort: number) => ({
  ...portEnv(defaultPort),
  ...natsEnv,
  NATS_ACK_WAIT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  ...databaseEnv,
  ...telemetryEnv,
});

type ServiceEnv = z.output<z.ZodObject<ReturnType<typeof serviceEnv>>>;

/** The nested config every service shares; `schema` is the service's own Postgres schema. */
export function toServiceConfig(env: ServiceEnv, service: string) {
  return {
    service,
    port: env.PORT,
    nats: { url: env.NATS_URL, prefix: env.HERALD_BUS_PREFIX, ackWaitMs: env.NATS_ACK_WAIT_SECONDS * 1000, streams: { replicas: env.NATS_STREAM_REPLICAS, storage: env.NATS_STREAM_STORAGE } },
    database: { url: env.DATABASE_URL, schema: service.replace(/-/g, '_') },
    telemetry: { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, logLevel: env.LOG_LEVEL },
  };
}
export type ServiceConfig = ReturnType<typeof toServiceConfig>;
