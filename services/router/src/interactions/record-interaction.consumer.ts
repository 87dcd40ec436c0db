import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { activityReceivedSchema, CONSUMERS, SUBJECTS } from '@herald/contracts';
import { JetStreamEventPattern, MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { interactionOf } from './interaction-of.js';

/** Reactions, edits, deletions, file consent answers, dialogs and failed sign-ins, recorded as events. */
@Controller()
export class RecordInteractionConsumer {
  constructor(
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.activityReceived, { durable: CONSUMERS.routerInteractions })
  async handle(@Payload() payload: unknown): Promise<void> {
    const interaction = interactionOf(activityReceivedSchema.parse(payload));
    if (!interaction) return;
    await this.bus.publish(SUBJECTS.interaction(kebab(interaction.type)), interaction);
    this.logger.info({ type: interaction.type, conversationId: interaction.data.conversationId }, 'interaction recorded');
  }
}

/** `MessageReactionsChanged` → `message-reactions-changed`. */
function kebab(type: string): string {
  return type.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}
