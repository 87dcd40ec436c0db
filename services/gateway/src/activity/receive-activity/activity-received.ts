import { createHash } from 'node:crypto';
import { deriveId, metadataFor, type ActivityReceived, type InboundActivity } from '@herald/contracts';
import { currentTraceparent } from '@herald/messaging';

/**
 * JetStream de-duplication id: Teams re-sends the same activity (same channel, conversation
 * and id) when it got no answer in time; it must be stored once. The type is part of the key
 * too: captured payloads exist where a conversationUpdate and a message share one id, and two
 * different activities must never collapse into one. The id is a SHA-256 of those parts (each
 * ended by NUL, which no id may contain), so a header never carries raw ids of any size.
 */
export function deduplicationId(activity: InboundActivity): string {
  const hash = createHash('sha256');
  for (const part of deduplicationParts(activity)) hash.update(part).update('\u0000');
  return hash.digest('hex');
}

function deduplicationParts(activity: InboundActivity): string[] {
  const id = activity.id ?? deriveId(JSON.stringify(activity));
  const parts = [activity.channelId ?? '', activity.conversation.id, activity.type, id];
  // An edit or deletion carries the id of the message it changes: two edits of one message are
  // told apart by their event type and time (a re-sent one repeats both).
  if (activity.type === 'messageUpdate' || activity.type === 'messageDelete') {
    parts.push(activity.channelData?.eventType ?? '', activity.timestamp ?? '');
  }
  return parts;
}

export function activityReceived(activity: InboundActivity, receivedAt: Date): ActivityReceived {
  return {
    type: 'ActivityReceived',
    data: { activity, verifiedServiceUrl: activity.serviceUrl, receivedAt: receivedAt.toISOString() },
    metadata: metadataFor({
      id: deriveId('ActivityReceived', deduplicationId(activity)),
      occurredAt: receivedAt,
      traceparent: currentTraceparent(),
    }),
  };
}
