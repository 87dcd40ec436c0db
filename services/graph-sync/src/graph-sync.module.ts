import { Module, type DynamicModule } from '@nestjs/common';
import { RunningProjections } from '@herald/event-sourcing';
import { HealthController, MetricsController, READINESS_CHECKS, startProcessMetrics, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { checkDatabase, PersistenceModule, type Database } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { SyncDirectoryHandler } from './directory/sync-directory.handler.js';
import { DirectorySync } from './directory/sync-directory.js';
import { SyncSchedule } from './directory/sync-schedule.js';

@Module({})
export class GraphSyncModule {
  static register(deps: { bus: MessageBus; database: Database; logger: Logger; projections: RunningProjections; sync: DirectorySync; schedule: SyncSchedule }): DynamicModule {
    startProcessMetrics('graph-sync');
    const readiness: ReadinessCheck[] = [
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
      { name: 'postgres', check: () => checkDatabase(deps.database) },
    ];
    return {
      module: GraphSyncModule,
      imports: [MessagingModule.register(deps.bus), PersistenceModule.register(deps.database)],
      controllers: [HealthController, MetricsController, SyncDirectoryHandler],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: RunningProjections, useValue: deps.projections },
        { provide: DirectorySync, useValue: deps.sync },
        { provide: SyncSchedule, useValue: deps.schedule },
      ],
    };
  }
}
