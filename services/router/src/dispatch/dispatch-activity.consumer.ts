import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { activityReceivedSchema, CONSUMERS, SUBJECTS } from '@herald/contracts';
import { JetStreamContext, JetStreamEventPattern, MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { commandText } from './command-text.js';
import { AppCardActions } from '../card-actions/app-card-actions.js';
import { SettingsClient } from '../card-actions/settings-client.js';
import { AccountClient } from '../signin/account-client.js';
import { SubscriptionBook } from '../subscriptions/subscription-book.js';
import { DISPATCH_TABLE } from './dispatch-table.js';
import { dispatch } from './dispatch.js';
import { replyCommand, typingCommand } from './reply-command.js';

/** Every stored activity: pick the best-matched dispatcher and command its reply. */
@Controller()
export class DispatchActivityConsumer {
  constructor(
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(SubscriptionBook) private readonly subscriptions: SubscriptionBook,
    @Inject(SettingsClient) private readonly settings: SettingsClient,
    @Inject(AppCardActions) private readonly apps: AppCardActions,
    @Inject(AccountClient) private readonly accounts: AccountClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.activityReceived, { durable: CONSUMERS.routerDispatch })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const received = activityReceivedSchema.parse(payload);
    const { activity } = received.data;
    const incoming = { activity, command: commandText(activity) };
    const routeContext = { table: DISPATCH_TABLE, subscriptions: this.subscriptions, settings: this.settings, apps: this.apps, accounts: this.accounts, causeId: received.metadata.id, now: new Date() };
    const chosen = await dispatch(incoming, routeContext);
    if (!chosen) {
      this.logger.debug({ type: activity.type, seq: context.streamSequence }, 'no route for activity');
      return;
    }
    if (chosen.typing) await this.bus.publish(SUBJECTS.sendActivity, typingCommand(received, chosen.route.name, new Date()));
    await this.bus.publish(SUBJECTS.sendActivity, replyCommand(received, chosen.route.name, chosen.answer, new Date(), chosen.replaces));
    this.logger.info(
      { dispatcher: chosen.route.name, activityId: activity.id, seq: context.streamSequence, deliveries: context.deliveryCount },
      'activity dispatched',
    );
  }
}
