import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { activityReceivedSchema, CONSUMERS, deriveId, metadataFor, SUBJECTS, type ActivityReceived, type SendActivity } from '@herald/contracts';
import { JetStreamEventPattern, MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { botChangeOf, conversationIdOf, kindOf } from '../conversation/conversation-facts.js';
import { welcomeCard } from './welcome-card.js';

/**
 * A personal chat or a team installed Herald (the activity adding the bot: `installationUpdate`
 * `add`, or a `conversationUpdate` whose `membersAdded` holds it): welcome them, once ever, in
 * the language of that activity (its `locale` or `clientInfo`). The command's id derives from
 * the conversation alone, so a re-install, the second of Teams' two install activities, or a
 * replay asks for the same send, and the notifier — which records every command id it ever
 * handled — sends it only the first time. Conversations Herald only infers it is in (any other
 * activity) get no welcome.
 */
@Controller()
export class SendWelcomeWhenInstalledConsumer {
  constructor(
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.activityReceived, { durable: CONSUMERS.routerWelcome })
  async handle(@Payload() payload: unknown): Promise<void> {
    const received = activityReceivedSchema.parse(payload);
    const welcome = welcomeFor(received);
    if (!welcome) return;
    await this.bus.publish(SUBJECTS.sendActivity, welcome);
    this.logger.info({ conversationId: welcome.data.conversationId, kind: kindOf(received.data.activity) }, 'welcome requested');
  }
}

function welcomeFor(received: ActivityReceived): SendActivity | undefined {
  const { activity, verifiedServiceUrl } = received.data;
  if (botChangeOf(activity)?.change !== 'added') return undefined;
  const kind = kindOf(activity);
  if (kind === 'groupChat') return undefined;
  // In a team, the General channel: its conversation id is the team id.
  const conversationId = kind === 'personal' ? conversationIdOf(activity) : (activity.channelData?.team?.id ?? conversationIdOf(activity));
  return {
    type: 'SendActivity',
    data: {
      serviceUrl: verifiedServiceUrl,
      conversationId,
      tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id,
      activity: welcomeCard(kind === 'personal' ? 'personal' : 'team', activity),
      interactive: false,
    },
    metadata: metadataFor({ id: deriveId('Welcome', conversationId), cause: received.metadata, occurredAt: new Date(received.data.receivedAt), traceparent: received.metadata.traceparent }),
  };
}
