export { ConfigError, parseConfig, parseConfigOrExit, type DeepReadonly } from './parse-config.js';
export {
  apiKeysEnv,
  callbackEnv,
  checkMicrosoftEnv,
  databaseEnv,
  endpointUrl,
  graphLimitsEnv,
  microsoftEnv,
  MICROSOFT_SERVICE_URL_HOSTS,
  natsConfigSchema,
  natsEnv,
  outboundTokenTenant,
  portEnv,
  telemetryEnv,
  serviceEnv,
  toGraphLimits,
  toMicrosoftConfig,
  toServiceConfig,
  type ServiceConfig,
} from './env.js';
export { DEV_APP_ID, DEV_APP_SECRET, DEV_GATEWAY_URL, DEV_SIM_URL, DEV_TEAMS_APP_CATALOG_ID } from './dev-mode.js';
export { isTrustedServiceUrl } from './trusted-hosts.js';
export { API_SCOPES, DEFAULT_KEY_SCOPES, parseRateLimit, rateLimitEnv, type ApiKeyEntry, type ApiScope, type RateLimit } from './api-keys.env.js';
