import { conversationActiveSchema, SUBJECTS, type ConversationActive } from '@herald/contracts';
import { ConcurrencyError, type EventStream } from '@herald/event-sourcing';

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
    for (let attempt = 0; ; attempt += 1) {
      const { events, lastSequence } = await this.store.read(subject, (raw) => conversationActiveSchema.parse(raw));
      const current = events.at(-1)?.event;
      if (current && Date.parse(current.data.lastActivityAt) >= Date.parse(marker.data.lastActivityAt)) return;
      try {
        await this.store.append(subject, [marker], { expectedLastSequence: lastSequence });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 10) throw error;
      }
    }
  }
}
