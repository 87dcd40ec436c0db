import type { MikroORM } from '@herald/persistence';
import type { Logger } from '@herald/telemetry';
import type { DirectorySync } from './sync-directory.js';

/**
 * Syncs every tenant on an interval (and once at start, so a sync cut short resumes): the tenants
 * Herald is installed in (`known_tenants`) and GRAPH_SYNC_TENANT_IDS. A tenant another replica
 * holds is skipped until the next tick.
 */
export class SyncSchedule {
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> | undefined;

  constructor(
    private readonly sync: DirectorySync,
    private readonly database: MikroORM,
    private readonly options: { intervalMs: number; tenantIds: readonly string[] },
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.runOnce(), this.options.intervalMs);
    this.timer.unref();
    this.runOnce();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sync.stop();
    await this.tick;
  }

  private runOnce(): void {
    this.tick ??= this.syncAll()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'scheduled directory sync failed; next interval retries'))
      .finally(() => (this.tick = undefined));
  }

  private async syncAll(): Promise<void> {
    for (const tenantId of await this.tenants()) {
      // One tenant's failure (its consent revoked, Graph down for it) does not hold the others back.
      await this.sync.sync(tenantId).catch((error: unknown) => this.logger.warn({ err: error, tenantId }, 'directory sync failed; next interval retries'));
    }
  }

  async tenants(): Promise<string[]> {
    const rows = await this.database.em.fork().execute<{ tenant_id: string }[]>('select tenant_id from known_tenants order by tenant_id');
    return [...new Set([...rows.map((row) => row.tenant_id), ...this.options.tenantIds])];
  }
}
