import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, MetricsController, READINESS_CHECKS, startProcessMetrics, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { checkDatabase, PersistenceModule, type Database } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { DispatchActivityConsumer } from './dispatch/dispatch-activity.consumer.js';
import { AnswerInvokeHandler } from './invoke/answer-invoke.handler.js';
import { RecordInteractionConsumer } from './interactions/record-interaction.consumer.js';
import { RecordConversationActivityConsumer } from './conversation/record-conversation-activity.consumer.js';
import { EventStore, RunningProjections } from '@herald/event-sourcing';
import { SubscriptionBook } from './subscriptions/subscription-book.js';
import { ActivityMarkers } from './conversation/activity-markers.js';
import { AppCardActions } from './card-actions/app-card-actions.js';
import { SettingsClient } from './card-actions/settings-client.js';
import { AccountClient } from './signin/account-client.js';
import { SendWelcomeWhenInstalledConsumer } from './welcome/send-welcome-when-installed.consumer.js';

@Module({})
export class RouterModule {
  static register(deps: { bus: MessageBus; events: EventStore; markers: ActivityMarkers; subscriptions: SubscriptionBook; database: Database; logger: Logger; projections: RunningProjections }): DynamicModule {
    startProcessMetrics('router');
    const readiness: ReadinessCheck[] = [
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
      { name: 'postgres', check: () => checkDatabase(deps.database) },
    ];
    return {
      module: RouterModule,
      imports: [MessagingModule.register(deps.bus), PersistenceModule.register(deps.database)],
      controllers: [HealthController, MetricsController, DispatchActivityConsumer, AnswerInvokeHandler, RecordConversationActivityConsumer, RecordInteractionConsumer, SendWelcomeWhenInstalledConsumer],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: EventStore, useValue: deps.events },
        { provide: SubscriptionBook, useValue: deps.subscriptions },
        { provide: ActivityMarkers, useValue: deps.markers },
        { provide: SettingsClient, useValue: new SettingsClient(deps.bus, deps.logger) },
        { provide: AppCardActions, useValue: new AppCardActions(deps.bus, deps.logger) },
        { provide: AccountClient, useValue: new AccountClient(deps.bus, deps.logger) },
        { provide: RunningProjections, useValue: deps.projections },
      ],
    };
  }
}

