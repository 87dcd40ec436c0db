import { conversationEventSchema, SUBJECTS, type ActivityReceived, type ConversationInstalled } from '@herald/contracts';
import { subjectToken, type EventStore } from '@herald/event-sourcing';
import { botChangeOf, conversationIdOf } from '../conversation/conversation-facts.js';
import { conversationDecider } from '../conversation/conversation.decider.js';
import { recordActivity } from '../conversation/record-conversation-activity.consumer.js';

/**
 * The install `received` makes, decided as the conversation recorder decides it, on the
 * conversation's events other than those this very activity caused (the recorder may have
 * recorded it already, or not yet): an explicit add of a conversation not installed before.
 * Undefined for any other activity, and for an add of a conversation already installed
 * (inferred from an earlier activity, or discovered through Graph).
 */
export async function installedBy(received: ActivityReceived, events: EventStore): Promise<ConversationInstalled | undefined> {
  if (botChangeOf(received.data.activity)?.change !== 'added') return undefined;
  const command = recordActivity(received);
  const subject = SUBJECTS.conversation(subjectToken(conversationIdOf(received.data.activity)));
  const { events: stored } = await events.read(subject, (raw) => conversationEventSchema.parse(raw));
  const before = stored.map(({ event }) => event).filter((event) => event.metadata.causationId !== command.metadata.id);
  const state = before.reduce(conversationDecider.evolve, conversationDecider.initialState());
  return conversationDecider.decide(command, state).find((event): event is ConversationInstalled => event.type === 'ConversationInstalled');
}
