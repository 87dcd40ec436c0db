import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CONSUMERS, conversationEventSchema, deriveId, metadataFor, SUBJECTS, type ConversationInstalled, type SendActivity } from '@herald/contracts';
import { JetStreamEventPattern, MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { welcomeCard } from './welcome-card.js';

/**
 * A personal chat or a team installed Herald: welcome them, once ever. The command's id derives
 * from the conversation alone, so a re-install (or a replay) asks for the same send, and the
 * notifier — which records every command id it ever handled — sends it only the first time.
 * Inferred installs (a conversation already talking to Herald) get no welcome.
 */
@Controller()
export class SendWelcomeWhenInstalledConsumer {
  constructor(
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.conversations, { durable: CONSUMERS.routerWelcome })
  async handle(@Payload() payload: unknown): Promise<void> {
    const event = conversationEventSchema.parse(payload);
    if (event.type !== 'ConversationInstalled' || event.data.via === 'inferred') return;
    const welcome = welcomeFor(event);
    if (!welcome) return;
    await this.bus.publish(SUBJECTS.sendActivity, welcome);
    this.logger.info({ conversationId: welcome.data.conversationId, kind: event.data.kind }, 'welcome requested');
  }
}

function welcomeFor(event: ConversationInstalled): SendActivity | undefined {
  const { data } = event;
  if (data.kind === 'groupChat') return undefined;
  // In a team, the General channel: its conversation id is the team id.
  const conversationId = data.kind === 'personal' ? data.conversationId : (data.team?.id ?? data.conversationId);
  return {
    type: 'SendActivity',
    data: {
      serviceUrl: data.serviceUrl,
      conversationId,
      tenantId: data.tenantId,
      activity: welcomeCard(data.kind === 'personal' ? 'personal' : 'team'),
      interactive: false,
    },
    metadata: metadataFor({ id: deriveId('Welcome', conversationId), cause: event.metadata, occurredAt: new Date(event.metadata.occurredAt), traceparent: event.metadata.traceparent }),
  };
}
