import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { activityReceivedSchema, CONSUMERS, deriveId, metadataFor, SUBJECTS, type ActivityReceived, type ConversationInstalled, type SendActivity } from '@herald/contracts';
import { EventStore } from '@herald/event-sourcing';
import { JetStreamEventPattern, MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { installedBy } from './installed-by.js';
import { welcomeCard } from './welcome-card.js';

/**
 * A personal chat or a team installed Herald: welcome them, once ever, in the language of the
 * activity that installed it (its `locale` or `clientInfo`; events do not carry it, so this
 * consumer reads the install activities themselves and decides the install as the conversation
 * recorder does). The command's id derives from the conversation alone, so a re-install (or a
 * replay) asks for the same send, and the notifier — which records every command id it ever
 * handled — sends it only the first time. Inferred installs (a conversation already talking to
 * Herald) get no welcome.
 */
@Controller()
export class SendWelcomeWhenInstalledConsumer {
  constructor(
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(EventStore) private readonly events: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.activityReceived, { durable: CONSUMERS.routerWelcome })
  async handle(@Payload() payload: unknown): Promise<void> {
    const received = activityReceivedSchema.parse(payload);
    const installed = await installedBy(received, this.events);
    if (!installed || installed.data.via === 'inferred') return;
    const welcome = welcomeFor(installed, received);
    if (!welcome) return;
    await this.bus.publish(SUBJECTS.sendActivity, welcome);
    this.logger.info({ conversationId: welcome.data.conversationId, kind: installed.data.kind }, 'welcome requested');
  }
}

function welcomeFor(event: ConversationInstalled, received: ActivityReceived): SendActivity | undefined {
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
      activity: welcomeCard(data.kind === 'personal' ? 'personal' : 'team', received.data.activity),
      interactive: false,
    },
    metadata: metadataFor({ id: deriveId('Welcome', conversationId), cause: received.metadata, occurredAt: new Date(received.data.receivedAt), traceparent: received.metadata.traceparent }),
  };
}
