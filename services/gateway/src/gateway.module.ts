import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { InboundTokenVerifier, UserTokenVerifier } from '@herald/bot-auth';
import { HealthController, MetricsController, READINESS_CHECKS, startProcessMetrics, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { EventStore } from '@herald/event-sourcing';
import { LOGGER, type Logger } from '@herald/telemetry';
import { CallerAuthentication } from './activity/receive-activity/caller-authentication.hook.js';
import { ReceiveActivityController } from './activity/receive-activity/receive-activity.http.controller.js';
import type { GatewayConfig } from './gateway.config.js';
import { ProblemDetailsFilter } from './problem-details.filter.js';
import { NotificationsController } from './notifications/notifications.http.controller.js';
import { ChangeNotificationController } from './notifications/change-notification.http.controller.js';
import { CardBinder } from './notifications/card-binding/card-binder.js';
import { NotificationApi } from './notifications/notification-api.js';
import { notificationApi } from './notifications/notification-api.provider.js';
import { OpenApiController } from './notifications/openapi.http.controller.js';
import { GroupSearchClient } from './groups/group-search.client.js';
import { SearchGroupsController } from './groups/search-groups.http.controller.js';
import { PreferencesClient } from './users/preferences.client.js';
import { UserPreferencesController } from './users/user-preferences.http.controller.js';
import { AuthorsGroup } from './console/authors/authors-group.js';
import { ConsoleAuthors } from './console/authors/console-authors.js';
import { ConsoleMeController } from './console/authors/me.http.controller.js';
import { ConsoleMessages } from './console/messages/console-messages.js';
import { DraftMessageController } from './console/messages/draft-message/draft-message.http.controller.js';
import { ReadMessageController } from './console/messages/read-message/read-message.http.controller.js';
import { EditDraftController } from './console/messages/edit-draft/edit-draft.http.controller.js';
import { DeleteDraftController } from './console/messages/delete-draft/delete-draft.http.controller.js';
import { SendMessageController } from './console/messages/send-message/send-message.http.controller.js';
import { ApproveMessageController } from './console/messages/approve-message/approve-message.http.controller.js';
import { CancelMessageController } from './console/messages/cancel-message/cancel-message.http.controller.js';
import { ConsoleNotifications } from './console/messages/send-message/console-notifications.js';
import { ConsoleExportsController } from './console/exports/console-exports.http.controller.js';
import { consoleExports } from './console/exports/console-exports.provider.js';
import { ConsoleReadsClient } from './console/listing/console-reads.client.js';
import { ListMessagesController } from './console/listing/list-messages.http.controller.js';
import { MessageStatusClient } from './console/status/message-status.client.js';
import { MessageEventsController } from './console/status/message-events.http.controller.js';
import { MessageRecipientsController } from './console/status/message-recipients.http.controller.js';
import { OpenStreams } from './console/status/open-streams.js';
import { ReachController } from './console/audience/reach.http.controller.js';
import { TeamsController } from './console/audience/teams.http.controller.js';
import { GroupsController } from './console/audience/groups.http.controller.js';

@Module({})
export class GatewayModule {
  static register(deps: { config: GatewayConfig; bus: MessageBus; logger: Logger }): DynamicModule {
    const { microsoft } = deps.config;
    startProcessMetrics('gateway');
    // The gateway stores activities in JetStream and keeps nothing in Postgres: NATS is all it needs.
    const readiness: ReadinessCheck[] = [{ name: 'nats', check: () => checkNats(deps.bus.connection) }];
    const inboundTokens = new InboundTokenVerifier(microsoft);
    return {
      module: GatewayModule,
      imports: [MessagingModule.register(deps.bus)],
      controllers: [
        HealthController, MetricsController, ReceiveActivityController, NotificationsController, ChangeNotificationController, OpenApiController, UserPreferencesController, SearchGroupsController,
        // The messages console (console/): who the author is, their messages, exports.
        ConsoleMeController, ConsoleExportsController,
        DraftMessageController, ReadMessageController, EditDraftController, DeleteDraftController, SendMessageController, ApproveMessageController, CancelMessageController,
        ListMessagesController, MessageEventsController, MessageRecipientsController, ReachController, TeamsController, GroupsController,
      ],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: InboundTokenVerifier, useValue: inboundTokens },
        { provide: CallerAuthentication, useValue: new CallerAuthentication(inboundTokens, deps.logger) },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: NotificationApi, useValue: notificationApi(deps.config, deps.bus, deps.logger) },
        { provide: PreferencesClient, useValue: new PreferencesClient(deps.bus, deps.logger) },
        { provide: GroupSearchClient, useValue: new GroupSearchClient(deps.bus, deps.logger) },
        { provide: ConsoleAuthors, useValue: consoleAuthors(deps) },
        { provide: ConsoleMessages, useValue: new ConsoleMessages(new EventStore(deps.bus), deps.logger) },
        ConsoleNotifications,
        consoleExports(deps),
        { provide: ConsoleReadsClient, useValue: new ConsoleReadsClient(deps.bus, deps.logger) },
        { provide: MessageStatusClient, useValue: new MessageStatusClient(deps.bus, deps.logger) },
        { provide: OpenStreams, useValue: new OpenStreams() },
        // Started with the app (its binder processes), stopped when it closes.
        { provide: CardBinder, useValue: new CardBinder(deps.logger) },
      ],
    };
  }
}

/** The messages console's author check: Entra user tokens for Herald, authors by UPN or group. */
function consoleAuthors(deps: { config: GatewayConfig; bus: MessageBus; logger: Logger }): ConsoleAuthors {
  const { microsoft, console: settings } = deps.config;
  const tokens = new UserTokenVerifier({ authorityHost: microsoft.authorityHost, appId: microsoft.appId, resourceUri: settings.resourceUri, allowedTenantIds: microsoft.allowedTenantIds });
  const group = settings.authorsGroupId ? new AuthorsGroup(deps.bus, settings.authorsGroupId, deps.logger) : undefined;
  return new ConsoleAuthors(tokens, settings.authors, group, deps.logger);
}
