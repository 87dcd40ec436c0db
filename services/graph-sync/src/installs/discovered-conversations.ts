import { SUBJECTS, type Metadata } from '@herald/contracts';
import { handleCommand, subjectToken, type EventStream } from '@herald/event-sourcing';
import { conversationDiscoveryDecider, parseConversationFact, type DiscoverConversation } from './conversation-discovery.decider.js';

/** Records personal chats found through Graph on their conversation's subject (CONVERSATIONS), with optimistic concurrency. */
export class DiscoveredConversations {
  constructor(private readonly store: EventStream) {}

  /** True when a ConversationDiscovered was appended now. */
  async record(data: DiscoverConversation['data'], metadata: Metadata): Promise<boolean> {
    const subject = SUBJECTS.conversation(subjectToken(data.conversation.conversationId));
    const command: DiscoverConversation = { type: 'DiscoverConversation', data, metadata };
    const { events } = await handleCommand(this.store, conversationDiscoveryDecider, { subject, parse: parseConversationFact, retries: 5 }, command);
    return events.length > 0;
  }
}
