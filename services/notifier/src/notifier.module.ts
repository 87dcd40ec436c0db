import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { checkDatabase, PersistenceModule, type Database } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { ActivitySender } from './send-activity/activity-sender.js';
import { OutboundSendsStore } from './send-activity/outbound-sends.store.js';
import { SendActivityConsumer } from './send-activity/send-activity.consumer.js';
import { DeliveryLogProjection } from './projections/delivery-log.projection.js';
import { TopicSubscriptionsProjection } from './projections/topic-subscriptions.projection.js';

@Module({})
export class NotifierModule {
  static register(deps: { bus: MessageBus; database: Database; sender: ActivitySender; logger: Logger }): DynamicModule {
    const readiness: ReadinessCheck[] = [
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
      { name: 'postgres', check: () => checkDatabase(deps.database) },
    ];
    return {
      module: NotifierModule,
      imports: [MessagingModule.register(deps.bus), PersistenceModule.register(deps.database)],
      controllers: [HealthController, SendActivityConsumer, DeliveryLogProjection, TopicSubscriptionsProjection],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: ActivitySender, useValue: deps.sender },
        { provide: OutboundSendsStore, useValue: new OutboundSendsStore(deps.database) },
      ],
    };
  }
}
