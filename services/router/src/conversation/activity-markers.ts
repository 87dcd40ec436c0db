import { conversationActiveSchema, SUBJECTS, type ConversationActive } from '@herald/contracts';
import { handleCommand, type Decider, type EventStream } from '@herald/event-sourcing';

/** The marker kept: the time of the latest activity (epoch ms), or none yet. A newer activity replaces it; an older one changes nothing. */
const latestActivity: Decider<number | undefined, ConversationActive, ConversationActive> = {
  initialState: () => undefined,
  evolve: (_state, marker) => Date.parse(marker.data.lastActivityAt),
  decide: (marker, latest) => (latest !== undefined && latest >= Date.parse(marker.data.lastActivityAt) ? [] : [marker]),
};

/**
 * Each conversation's latest inbound activity, one marker per conversation on the
 * CONVERSATION_ACTIVITY stream (which keeps one message per subject). Activities of one
 * conversation are handled concurrently, so a marker only replaces an older one, with optimistic
 * concurrency: the stream then always holds the newest, and a rebuild from it equals the live view.
 */
export class ActivityMarkers {
  constructor(private readonly store: EventStream) {}

  async move(conversationToken: string, marker: ConversationActive): Promise<void> {
    const subject = SUBJECTS.conversationActivity(conversationToken);
    await handleCommand(this.store, latestActivity, { subject, parse: (raw) => conversationActiveSchema.parse(raw), retries: 10 }, marker);
  }
}
