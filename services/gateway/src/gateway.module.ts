import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { InboundTokenVerifier } from '@herald/bot-auth';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { checkDatabase, PersistenceModule, type Database } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { ReceiveActivityController } from './activity/receive-activity/receive-activity.http.controller.js';
import type { GatewayConfig } from './gateway.config.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';

@Module({})
export class GatewayModule {
  static register(deps: { config: GatewayConfig; bus: MessageBus; database: Database; logger: Logger }): DynamicModule {
    const { microsoft } = deps.config;
    const readiness: ReadinessCheck[] = [
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
      { name: 'postgres', check: () => checkDatabase(deps.database) },
    ];
    return {
      module: GatewayModule,
      imports: [MessagingModule.register(deps.bus), PersistenceModule.register(deps.database)],
      controllers: [HealthController, ReceiveActivityController],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: InboundTokenVerifier, useValue: new InboundTokenVerifier(microsoft) },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
