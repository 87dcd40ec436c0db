import { Module, type DynamicModule } from '@nestjs/common';
import { RunningProjections } from '@herald/event-sourcing';
import { HealthController, MetricsController, READINESS_CHECKS, startProcessMetrics, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { checkDatabase, PersistenceModule, type Database } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { SyncDirectoryHandler } from './directory/sync-directory.handler.js';
import { DirectorySync } from './directory/sync-directory.js';
import { SyncSchedule } from './directory/sync-schedule.js';
import { GraphClients } from './graph-clients.js';
import { GroupMembersHandler } from './groups/group-members.handler.js';
import { GroupMembers } from './groups/group-members.js';
import { GroupSearchHandler } from './groups/group-search.handler.js';
import { PersonalChatHandler } from './installs/personal-chat.handler.js';
import { PersonalChats } from './installs/personal-chats.js';

export interface GraphSyncDeps {
  bus: MessageBus;
  database: Database;
  logger: Logger;
  projections: RunningProjections;
  sync: DirectorySync;
  schedule: SyncSchedule;
  graph: GraphClients;
  groupMembers: GroupMembers;
  personalChats: PersonalChats;
}

@Module({})
export class GraphSyncModule {
  static register(deps: GraphSyncDeps): DynamicModule {
    startProcessMetrics('graph-sync');
    const readiness: ReadinessCheck[] = [
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
      { name: 'postgres', check: () => checkDatabase(deps.database) },
    ];
    return {
      module: GraphSyncModule,
      imports: [MessagingModule.register(deps.bus), PersistenceModule.register(deps.database)],
      controllers: [HealthController, MetricsController, SyncDirectoryHandler, GroupMembersHandler, GroupSearchHandler, PersonalChatHandler],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: RunningProjections, useValue: deps.projections },
        { provide: DirectorySync, useValue: deps.sync },
        { provide: SyncSchedule, useValue: deps.schedule },
        { provide: GraphClients, useValue: deps.graph },
        { provide: GroupMembers, useValue: deps.groupMembers },
        { provide: PersonalChats, useValue: deps.personalChats },
      ],
    };
  }
}
