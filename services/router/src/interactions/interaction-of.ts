import { cardDataOf, cardVerbOf, deriveId, metadataFor, personOf, type ActivityReceived, type InteractionEvent } from '@herald/contracts';
import { conversationIdOf, timeOf } from '../conversation/conversation-facts.js';

/**
 * The interaction an inbound activity reports, if any: reactions, edits, deletions, file
 * consent, dialogs, failed sign-ins. Pure: the same activity always gives the same event (its
 * id derives from the stored activity's), so a redelivery is stored once.
 */
export function interactionOf(received: ActivityReceived): InteractionEvent | undefined {
  const { activity, receivedAt } = received.data;
  const { tenantId } = personOf(activity);
  const common = {
    conversationId: conversationIdOf(activity),
    ...(tenantId ? { tenantId } : {}),
    by: { id: activity.from.id, ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}), ...(activity.from.name ? { name: activity.from.name } : {}) },
    at: timeOf(activity, receivedAt),
  };
  const metadata = (type: InteractionEvent['type']) =>
    metadataFor({ id: deriveId(type, received.metadata.id), cause: received.metadata, occurredAt: new Date(receivedAt), traceparent: received.metadata.traceparent });
  const eventType = activity.channelData?.eventType;
  const value = (activity.value ?? {}) as Record<string, unknown>;
  if (cardVerbOf(activity) === 'acknowledge') {
    const data = cardDataOf(activity);
    const notificationId = typeof data['notificationId'] === 'string' ? data['notificationId'] : undefined;
    return {
      type: 'CardAcknowledged',
      data: { ...common, ...(activity.replyToId ? { messageId: activity.replyToId } : {}), ...(notificationId ? { notificationId } : {}) },
      metadata: metadata('CardAcknowledged'),
    };
  }
  switch (activity.type) {
    case 'messageReaction': {
      const messageId = activity.replyToId;
      if (!messageId) return undefined;
      const added = reactionTypes(activity['reactionsAdded']);
      const removed = reactionTypes(activity['reactionsRemoved']);
      return { type: 'MessageReactionsChanged', data: { ...common, messageId, added, removed }, metadata: metadata('MessageReactionsChanged') };
    }
    case 'messageUpdate':
      if (!activity.id) return undefined;
      if (eventType === 'undeleteMessage') return { type: 'MessageRestored', data: { ...common, messageId: activity.id }, metadata: metadata('MessageRestored') };
      return { type: 'MessageEdited', data: { ...common, messageId: activity.id, ...(activity.text !== undefined ? { text: activity.text } : {}) }, metadata: metadata('MessageEdited') };
    case 'messageDelete':
      if (!activity.id) return undefined;
      return { type: 'MessageDeleted', data: { ...common, messageId: activity.id }, metadata: metadata('MessageDeleted') };
    case 'invoke':
      return invokeInteraction(activity.name, value, common, metadata);
    default:
      return undefined;
  }
}

type Common = Omit<Extract<InteractionEvent, { type: 'SignInFailed' }>['data'], 'code' | 'message'>;

function invokeInteraction(name: string | undefined, value: Record<string, unknown>, common: Common, metadata: (type: InteractionEvent['type']) => InteractionEvent['metadata']): InteractionEvent | undefined {
  switch (name) {
    case 'fileConsent/invoke': {
      if (value['action'] !== 'accept' && value['action'] !== 'decline') return undefined;
      const uploadInfo = value['uploadInfo'] as Record<string, unknown> | undefined;
      return {
        type: 'FileConsentAnswered',
        data: { ...common, action: value['action'], ...(value['context'] !== undefined ? { context: value['context'] } : {}), ...(uploadInfo ? { uploadInfo } : {}) },
        metadata: metadata('FileConsentAnswered'),
      };
    }
    case 'task/fetch':
    case 'task/submit':
      return { type: 'DialogInvoked', data: { ...common, invoke: name, ...(value['data'] !== undefined ? { data: value['data'] } : {}) }, metadata: metadata('DialogInvoked') };
    case 'signin/failure':
      return {
        type: 'SignInFailed',
        data: { ...common, ...(typeof value['code'] === 'string' ? { code: value['code'] } : {}), ...(typeof value['message'] === 'string' ? { message: value['message'] } : {}) },
        metadata: metadata('SignInFailed'),
      };
    default:
      return undefined;
  }
}

function reactionTypes(reactions: unknown): string[] {
  if (!Array.isArray(reactions)) return [];
  return reactions.flatMap((reaction) => (typeof (reaction as { type?: unknown })?.type === 'string' ? [(reaction as { type: string }).type] : []));
}
