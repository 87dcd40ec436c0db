import { z } from 'zod';
import { apiKeyId, callbackSigningSecret } from '@herald/contracts';
import { apiKeysEnv, callbackEnv, checkMicrosoftEnv, microsoftEnv, serviceEnv, toMicrosoftConfig, toServiceConfig, type ApiKeyEntry, type DeepReadonly } from '@herald/config';

export const notifierConfigSchema = z
  .object({
    ...serviceEnv(3982),
    ...microsoftEnv,
    /** Teams' limit per app per tenant, messages per second (Microsoft publishes 50). */
    TEAMS_TENANT_RATE_PER_SECOND: z.coerce.number().positive().max(1_000).default(50),
    /** A Bot Connector call unanswered by then is abandoned and recorded Unknown (never re-sent). */
    BOT_CONNECTOR_TIMEOUT_SECONDS: z.coerce.number().positive().max(120).default(15),
    /** `true`: guests of the tenant (member API `userRole: guest`) are not sent notifications: Skipped(guest). */
    HERALD_SKIP_GUESTS: z.enum(['true', 'false']).default('false'),
    /** Card-action callbacks and webhooks are signed with a secret derived from the caller's key. */
    ...apiKeysEnv,
    /** Hosts and CIDRs whose private addresses callbacks may reach (e.g. an app inside the cluster). */
    ...callbackEnv,
  })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => ({ ...toServiceConfig(env, 'notifier'), microsoft: toMicrosoftConfig(env), teamsTenantRatePerSecond: env.TEAMS_TENANT_RATE_PER_SECOND,
    callbackSecrets: callbackSecretsOf(env.HERALD_API_KEYS),
    callbackTargets: {
      allowedHosts: env.HERALD_CALLBACK_ALLOWED_HOSTS ?? [],
      allowedCidrs: env.HERALD_CALLBACK_ALLOWED_CIDRS ?? [],
      /** Dev mode only: apps under test listen on 127.0.0.1. */
      allowLoopback: env.MICROSOFT_APP_ID === undefined,
    },
    connectorTimeoutMs: env.BOT_CONNECTOR_TIMEOUT_SECONDS * 1_000,
    skipGuests: env.HERALD_SKIP_GUESTS === 'true',
  }));

/** Caller id → callback signing secret (the keys themselves are not kept). */
function callbackSecretsOf(entries: readonly ApiKeyEntry[] = []): Record<string, string> {
  return Object.fromEntries(entries.map(({ key }) => [apiKeyId(key), callbackSigningSecret(key)]));
}

export type NotifierConfig = DeepReadonly<z.output<typeof notifierConfigSchema>>;
