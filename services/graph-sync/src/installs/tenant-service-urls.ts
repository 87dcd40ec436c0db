import type { MikroORM } from '@herald/persistence';

export interface BotEndpoint {
  serviceUrl: string;
  botId: string;
}

/**
 * Where the bot reaches a tenant's conversations: the serviceUrl (and bot id) its latest install
 * verified (`known_tenants`), else the configured fallback; undefined when there is neither.
 */
export class TenantServiceUrls {
  constructor(
    private readonly database: MikroORM,
    private readonly defaults: { serviceUrl: string | undefined; botId: string },
  ) {}

  async of(tenantId: string): Promise<BotEndpoint | undefined> {
    const [row] = await this.database.em.fork().execute<{ service_url: string | null; bot_id: string | null }[]>(
      'select service_url, bot_id from known_tenants where lower(tenant_id) = lower(?)',
      [tenantId],
    );
    const serviceUrl = row?.service_url ?? this.defaults.serviceUrl;
    return serviceUrl ? { serviceUrl, botId: row?.bot_id ?? this.defaults.botId } : undefined;
  }
}
