import { deriveId, metadataFor, type ActivityReceived, type OutboundActivity, type SendActivity } from '@herald/contracts';
import { currentTraceparent } from '@herald/messaging';

/**
 * The SendActivity command answering `received`. Its id derives from the inbound message,
 * so a redelivered activity yields the same command, which JetStream stores only once.
 */
export function replyCommand(received: ActivityReceived, dispatcher: string, reply: OutboundActivity, now: Date, replaces?: string): SendActivity {
  const { activity, verifiedServiceUrl } = received.data;
  return {
    type: 'SendActivity',
    data: {
      serviceUrl: verifiedServiceUrl,
      conversationId: activity.conversation.id,
      tenantId: activity.conversation.tenantId ?? activity.channelData?.tenant?.id,
      replyToId: activity.id,
      ...(replaces ? { updateActivityId: replaces } : {}),
      activity: reply,
      interactive: true,
    },
    metadata: metadataFor({
      id: deriveId('SendActivity', received.metadata.id, dispatcher),
      cause: received.metadata,
      occurredAt: now,
      traceparent: currentTraceparent(),
    }),
  };
}

/** A typing indicator in the conversation (sent to it, not as a reply), before a slower answer. */
export function typingCommand(received: ActivityReceived, route: string, now: Date): SendActivity {
  const command = replyCommand(received, `${route}:typing`, { type: 'typing' }, now);
  const { replyToId: _notAReply, ...data } = command.data;
  return { ...command, data };
}
