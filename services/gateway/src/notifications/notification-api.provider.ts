import { ApiTokenVerifier } from '@herald/bot-auth';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import type { GatewayConfig } from '../gateway.config.js';
import { ApiCallers } from './api-callers.js';
import { ENTRA_ROLE_SCOPES } from './api-principal.js';
import { ApiRateLimiter } from './api-rate-limiter.js';
import { NotificationApi } from './notification-api.js';

/** The notification API as configured: its keys, Entra callers (when a tenant is configured), rate limits and mode. */
export function notificationApi(config: GatewayConfig, bus: MessageBus, logger: Logger): NotificationApi {
  const callers = new ApiCallers(config.apiKeys, apiTokenVerifier(config), config.apiRateLimit, logger);
  return new NotificationApi(callers, new ApiRateLimiter(bus, logger), bus, logger, { devMode: config.microsoft.devMode });
}

/** Entra access tokens on the notification API, when a tenant is configured (see gateway.config.ts). */
function apiTokenVerifier(config: GatewayConfig): ApiTokenVerifier | undefined {
  if (!config.apiEntra) return undefined;
  return new ApiTokenVerifier({ ...config.apiEntra, appId: config.microsoft.appId, acceptedRoles: Object.keys(ENTRA_ROLE_SCOPES) });
}
