import { cardAcknowledgedSchema, messageReactionsChangedSchema, SUBJECTS, type CardAcknowledged, type MessageReactionsChanged } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';

export const NOTIFICATION_ENGAGEMENT = 'notification-engagement';
export const NOTIFICATION_ENGAGEMENT_TABLES = ['notification_acknowledgements', 'message_reactions'] as const;

/** The interactions engagement counts; the stream's other interactions (edits, dialogs, …) pass by. */
export type EngagementEvent = CardAcknowledged | MessageReactionsChanged | null;

/**
 * `notification_acknowledgements` (who pressed a notification card's Acknowledge, each person
 * once) and `message_reactions` (the reactions standing on each message, per person) from the
 * INTERACTIONS stream. Which notification a reacted-to message belongs to is read with the
 * reactions: the activity id of each delivered copy is in `notification_recipients`.
 */
export function notificationEngagementProjection(stream: string): Projection<EngagementEvent> {
  return {
    name: NOTIFICATION_ENGAGEMENT,
    stream,
    filter: SUBJECTS.interactions,
    parse: parseEngagement,
    async apply(em, events) {
      for (const { event } of events) if (event) await project(em, event);
    },
  };
}

function parseEngagement(body: unknown): EngagementEvent {
  const type = (body as { type?: unknown } | null)?.type;
  if (type === 'CardAcknowledged') return cardAcknowledgedSchema.parse(body);
  if (type === 'MessageReactionsChanged') return messageReactionsChangedSchema.parse(body);
  return null;
}

async function project(em: EntityManager, event: CardAcknowledged | MessageReactionsChanged): Promise<void> {
  const person = personOf(event.data.by);
  if (event.type === 'CardAcknowledged') {
    if (!event.data.notificationId) return;
    await em.execute('insert into notification_acknowledgements (notification_id, person, acknowledged_at) values (?, ?, ?) on conflict do nothing', [event.data.notificationId, person, event.data.at]);
    return;
  }
  const { messageId, added, removed } = event.data;
  const conversationId = withoutThread(event.data.conversationId);
  for (const reaction of removed) {
    await em.execute('delete from message_reactions where message_id = ? and conversation_id = ? and person = ? and reaction = ?', [messageId, conversationId, person, reaction]);
  }
  for (const reaction of added) {
    await em.execute('insert into message_reactions (message_id, conversation_id, person, reaction) values (?, ?, ?, ?) on conflict do nothing', [messageId, conversationId, person, reaction]);
  }
}

/** A person once, however Teams names them: their Entra object id, else their `29:` id. */
function personOf(by: { id: string; aadObjectId?: string | undefined }): string {
  return by.aadObjectId ? `aad:${by.aadObjectId}` : by.id;
}

/** A channel conversation's id without the `;messageid=` of the thread. */
export function withoutThread(conversationId: string): string {
  return conversationId.replace(/;messageid=.*$/i, '');
}
