import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, MetricsController, READINESS_CHECKS, startProcessMetrics, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { checkDatabase, PersistenceModule, type Database } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { ActivitySender } from './send-activity/activity-sender.js';
import { OutboundSendsStore } from './send-activity/outbound-sends.store.js';
import { SendActivityConsumer } from './send-activity/send-activity.consumer.js';
import { RunningProjections } from '@herald/event-sourcing';
import { ConnectorClient } from '@herald/connector-client';
import { SendGovernor } from './rate-governor/send-governor.js';
import { AnswerNotificationStatusHandler } from './notifications/answer-notification-status.handler.js';
import { AnswerNotificationRecipientsHandler } from './notifications/answer-notification-recipients.handler.js';
import { DeliverNotificationConsumer } from './notifications/deliver-notification.consumer.js';
import { RecipientDirectory } from './notifications/recipient-directory.js';
import { DirectoryRecipients } from './directory/directory-recipients.js';
import { GraphSyncRequests } from './directory/graph-sync-requests.js';
import { ProfileInstalledPersonConsumer } from './people/profile-installed-person.consumer.js';
import { NotificationState } from './notifications/notification-state.js';
import { WebhookOutbox } from './notifications/webhook-outbox.js';
import { RecipientPreferences } from './notifications/recipient-preferences.js';
import { ChangeDeliveredMessagesConsumer } from './notifications/change-delivered-messages.consumer.js';
import { CALLBACK_SECRETS, ForwardCardActionHandler } from './notifications/forward-card-action.handler.js';
import { CallbackClient } from './callbacks/callback.client.js';
import type { CallbackTargets } from './callbacks/callback-targets.js';
import { CALLBACK_TIMEOUT_MS } from './notifications/signed-callback.js';
import { ResolveNotificationConsumer } from './notifications/resolve-notification.consumer.js';
import { DeliveryChecks } from './notifications/delivery-checks.js';
import { RecipientOutcomes } from './notifications/recipient-outcomes.js';
import { SendOutcomes } from './send-activity/send-outcomes.js';
import { NotificationRequests } from './notifications/notification-requests.js';
import { ScheduledMessagePump, ScheduledMessages } from './scheduling/scheduled-messages.js';
import type { Clock } from './scheduling/clock.js';
import { HeldDeliveries } from './holding/held-deliveries.js';
import { HoldDeliveries } from './holding/hold-deliveries.js';
import { Digests } from './digests/digests.js';
import { DigestSender } from './digests/digest-sender.js';
import { SendDigestWhenDueConsumer } from './digests/send-digest-when-due.consumer.js';
import { AnswerConsoleMessagesHandler } from './console/messages/answer-console-messages.handler.js';
import { AnswerNotificationEngagementHandler } from './console/engagement/answer-notification-engagement.handler.js';
import { AnswerConsoleReachHandler } from './console/reach/answer-console-reach.handler.js';
import { AnswerConsoleTeamsHandler } from './console/teams/answer-console-teams.handler.js';
import { EXPORT_CONSUMERS, exportProviders } from './exports/export-providers.js';

@Module({})
export class NotifierModule {
  static register(deps: { bus: MessageBus; database: Database; skipGuests: boolean; callbackSecrets: Readonly<Record<string, string>>; callbackTargets: CallbackTargets; connector: ConnectorClient; governor: SendGovernor; sender: ActivitySender; logger: Logger; projections: RunningProjections; scheduled: ScheduledMessages; clock: Clock; connectorTimeoutMs: number }): DynamicModule {
    startProcessMetrics('notifier');
    const callbacks = new CallbackClient(deps.callbackTargets, { timeoutMs: CALLBACK_TIMEOUT_MS });
    const readiness: ReadinessCheck[] = [
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
      { name: 'postgres', check: () => checkDatabase(deps.database) },
    ];
    const sends = new OutboundSendsStore(deps.database, { connectorTimeoutMs: deps.connectorTimeoutMs });
    const state = new NotificationState(deps.database);
    const graphSync = new GraphSyncRequests(deps.bus);
    const preferences = new RecipientPreferences(deps.database);
    const holds = new HoldDeliveries(new HeldDeliveries(deps.database), deps.scheduled, deps.bus, deps.clock);
    return {
      module: NotifierModule,
      imports: [MessagingModule.register(deps.bus), PersistenceModule.register(deps.database)],
      controllers: [HealthController, MetricsController, SendActivityConsumer, ResolveNotificationConsumer, DeliverNotificationConsumer, ChangeDeliveredMessagesConsumer, ForwardCardActionHandler, ProfileInstalledPersonConsumer, AnswerNotificationStatusHandler, AnswerNotificationRecipientsHandler, SendDigestWhenDueConsumer, ...EXPORT_CONSUMERS, AnswerConsoleMessagesHandler, AnswerNotificationEngagementHandler, AnswerConsoleReachHandler, AnswerConsoleTeamsHandler],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: ActivitySender, useValue: deps.sender },
        { provide: ConnectorClient, useValue: deps.connector },
        { provide: SendGovernor, useValue: deps.governor },
        { provide: RecipientDirectory, useValue: new RecipientDirectory(deps.database, new DirectoryRecipients(graphSync, { skipGuests: deps.skipGuests }), { skipGuests: deps.skipGuests }) },
        { provide: GraphSyncRequests, useValue: graphSync },
        { provide: CALLBACK_SECRETS, useValue: deps.callbackSecrets },
        { provide: CallbackClient, useValue: callbacks },
        { provide: WebhookOutbox, useValue: new WebhookOutbox(deps.database, deps.callbackSecrets, callbacks, deps.logger) },
        { provide: NotificationState, useValue: state },
        { provide: RunningProjections, useValue: deps.projections },
        { provide: OutboundSendsStore, useValue: sends },
        { provide: DeliveryChecks, useValue: new DeliveryChecks(preferences, holds, state) },
        { provide: RecipientPreferences, useValue: preferences },
        { provide: Digests, useValue: new Digests(deps.database) },
        { provide: DigestSender, useValue: new DigestSender(deps.connector, deps.governor, sends) },
        { provide: RecipientOutcomes, useValue: new RecipientOutcomes(sends, state, deps.scheduled, deps.bus) },
        { provide: SendOutcomes, useValue: new SendOutcomes(sends, deps.database, deps.scheduled, deps.bus) },
        { provide: NotificationRequests, useValue: new NotificationRequests(deps.bus) },
        { provide: ScheduledMessages, useValue: deps.scheduled },
        { provide: ScheduledMessagePump, useValue: new ScheduledMessagePump(deps.scheduled, deps.bus, deps.logger, undefined, deps.clock) },
        ...exportProviders({ ...deps, sends, graphSync }),
      ],
    };
  }
}
