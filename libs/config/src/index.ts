export { ConfigError, parseConfig, parseConfigOrExit, type DeepReadonly } from './parse-config.js';
export {
  apiKeysEnv,
  checkMicrosoftEnv,
  databaseEnv,
  endpointUrl,
  microsoftEnv,
  MICROSOFT_SERVICE_URL_HOSTS,
  natsEnv,
  outboundTokenTenant,
  portEnv,
  telemetryEnv,
  serviceEnv,
  toMicrosoftConfig,
  toServiceConfig,
  type ServiceConfig,
} from './env.js';
export { DEV_APP_ID, DEV_APP_SECRET, DEV_GATEWAY_URL, DEV_SIM_URL } from './dev-mode.js';
export { isTrustedServiceUrl } from './trusted-hosts.js';
