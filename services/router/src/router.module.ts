import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, READINESS_CHECKS, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { checkDatabase, PersistenceModule, type Database } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { DispatchActivityConsumer } from './dispatch/dispatch-activity.consumer.js';
import { AnswerInvokeHandler } from './invoke/answer-invoke.handler.js';
import { RecordConversationActivityConsumer } from './conversation/record-conversation-activity.consumer.js';
import { ConversationRefsProjection } from './projections/conversation-refs.projection.js';
import { EventStore } from '@herald/event-sourcing';
import { SubscriptionBook } from './subscriptions/subscription-book.js';
import { SendWelcomeWhenInstalledConsumer } from './welcome/send-welcome-when-installed.consumer.js';

@Module({})
export class RouterModule {
  static register(deps: { bus: MessageBus; events: EventStore; subscriptions: SubscriptionBook; database: Database; logger: Logger }): DynamicModule {
    const readiness: ReadinessCheck[] = [
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
      { name: 'postgres', check: () => checkDatabase(deps.database) },
    ];
    return {
      module: RouterModule,
      imports: [MessagingModule.register(deps.bus), PersistenceModule.register(deps.database)],
      controllers: [HealthController, DispatchActivityConsumer, AnswerInvokeHandler, RecordConversationActivityConsumer, ConversationRefsProjection, SendWelcomeWhenInstalledConsumer],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: EventStore, useValue: deps.events },
        { provide: SubscriptionBook, useValue: deps.subscriptions },
      ],
    };
  }
}
