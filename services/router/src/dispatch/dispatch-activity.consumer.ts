import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { activityReceivedSchema, CONSUMERS, SUBJECTS } from '@herald/contracts';
import { JetStreamContext, JetStreamEventPattern, MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { commandText } from './command-text.js';
import { bestMatch, DISPATCH_TABLE } from './dispatch-table.js';
import { replyCommand } from './reply-command.js';

/** Every stored activity: pick the best-matched dispatcher and command its reply. */
@Controller()
export class DispatchActivityConsumer {
  constructor(
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.activityReceived, { durable: CONSUMERS.routerDispatch })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const received = activityReceivedSchema.parse(payload);
    const { activity } = received.data;
    const incoming = { activity, command: commandText(activity) };
    const dispatcher = bestMatch(incoming);
    if (!dispatcher) {
      this.logger.debug({ type: activity.type, seq: context.streamSequence }, 'no dispatcher for activity');
      return;
    }
    const reply = dispatcher.reply(incoming, DISPATCH_TABLE);
    await this.bus.publish(SUBJECTS.sendActivity, replyCommand(received, dispatcher.name, reply, new Date()));
    this.logger.info(
      { dispatcher: dispatcher.name, activityId: activity.id, seq: context.streamSequence, deliveries: context.deliveryCount },
      'activity dispatched',
    );
  }
}
