import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, MetricsController, READINESS_CHECKS, startProcessMetrics, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';

@Module({})
export class GraphSyncModule {
  static register(deps: { bus: MessageBus; logger: Logger }): DynamicModule {
    startProcessMetrics('graph-sync');
    const readiness: ReadinessCheck[] = [
      // Only what this service uses: it keeps no state in Postgres (and does not connect to it).
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
    ];
    return {
      module: GraphSyncModule,
      imports: [MessagingModule.register(deps.bus)],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
      ],
    };
  }
}
