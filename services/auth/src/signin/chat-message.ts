import { deriveId, metadataFor, personOf, type ActivityReceived, type SendActivity } from '@herald/contracts';
import { currentTraceparent } from '@herald/messaging';

/**
 * What the person is told in the chat the sign-in invoke came from (signed in, or why not): one
 * message per cause, for its id derives from `causeId`, so a repeated invoke sends it once.
 */
export function chatMessage(received: ActivityReceived, text: string, causeId: string): SendActivity {
  const { activity, verifiedServiceUrl } = received.data;
  const { tenantId } = personOf(activity);
  return {
    type: 'SendActivity',
    data: {
      serviceUrl: verifiedServiceUrl,
      conversationId: activity.conversation.id,
      ...(tenantId ? { tenantId } : {}),
      activity: { type: 'message', textFormat: 'plain', text },
      interactive: true,
    },
    metadata: metadataFor({ id: deriveId('SignedInMessage', causeId), cause: received.metadata, occurredAt: new Date(), traceparent: currentTraceparent() }),
  };
}
