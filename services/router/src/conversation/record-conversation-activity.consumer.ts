import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import {
  activityReceivedSchema,
  CONSUMERS,
  conversationEventSchema,
  deriveId,
  metadataFor,
  SUBJECTS,
  type ActivityReceived,
  type ConversationActive,
  type RecordActivity,
} from '@herald/contracts';
import { EventStore, handleCommand, subjectToken } from '@herald/event-sourcing';
import { JetStreamContext, JetStreamEventPattern } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { conversationIdOf } from './conversation-facts.js';
import { conversationDecider } from './conversation.decider.js';
import { ActivityMarkers } from './activity-markers.js';

/**
 * Every stored activity is a fact about its conversation: installs, removals, a moved
 * serviceUrl, members, channels, teams. Recorded as events on the conversation's own subject,
 * with optimistic concurrency; a redelivered activity decides the same events, stored once.
 * Then the conversation's "last active" marker moves to this activity (CONVERSATION_ACTIVITY
 * keeps only the newest marker per conversation).
 */
@Controller()
export class RecordConversationActivityConsumer {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ActivityMarkers) private readonly markers: ActivityMarkers,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.activityReceived, { durable: CONSUMERS.routerConversations })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const received = activityReceivedSchema.parse(payload);
    const conversationId = conversationIdOf(received.data.activity);
    const token = subjectToken(conversationId);
    const subject = SUBJECTS.conversation(token);
    const { events } = await handleCommand(this.store, conversationDecider, { subject, parse: (raw) => conversationEventSchema.parse(raw) }, recordActivity(received));
    if (events.length > 0) {
      this.logger.info({ conversationId, events: events.map((e) => e.type), seq: context.streamSequence }, 'conversation facts recorded');
    }
    await this.markers.move(token, conversationActive(conversationId, received));
  }
}

/** The command recording what `received` says about its conversation (its id derives from the activity's). */
export function recordActivity(received: ActivityReceived): RecordActivity {
  return {
    type: 'RecordActivity',
    data: { activity: received.data.activity, verifiedServiceUrl: received.data.verifiedServiceUrl, receivedAt: received.data.receivedAt },
    metadata: metadataFor({ id: deriveId('RecordActivity', received.metadata.id), cause: received.metadata, occurredAt: new Date(received.data.receivedAt), traceparent: received.metadata.traceparent }),
  };
}

function conversationActive(conversationId: string, received: ActivityReceived): ConversationActive {
  const { activity, receivedAt } = received.data;
  return {
    type: 'ConversationActive',
    data: { conversationId, activityType: activity.type, lastActivityAt: receivedAt },
    metadata: metadataFor({ id: deriveId('ConversationActive', received.metadata.id), cause: received.metadata, occurredAt: new Date(receivedAt), traceparent: received.metadata.traceparent }),
  };
}
