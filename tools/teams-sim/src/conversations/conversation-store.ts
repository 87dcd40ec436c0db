/** An activity in a conversation as the simulated Teams client shows it. */
export interface StoredActivity {
  readonly id: string;
  readonly conversationId: string;
  readonly from: 'user' | 'bot';
  activity: Record<string, unknown>;
  readonly timestamp: string;
  updated: boolean;
  deleted: boolean;
  /** An OAuth card's sign-in as the Teams client shows it: SSO under way, done, or the sign-in button. */
  signin?: 'exchanging' | 'signed-in' | 'button';
}

export type AppendListener = (stored: StoredActivity) => void;

/** The transcript of every conversation: what users sent and what bots sent, updated or deleted. */
export class ConversationStore {
  private readonly conversations = new Map<string, StoredActivity[]>();
  private readonly listeners: AppendListener[] = [];

  /** Calls `listener` with every activity appended from now on (the Teams client reacting to what arrives). */
  onAppend(listener: AppendListener): void {
    this.listeners.push(listener);
  }

  append(conversationId: string, from: StoredActivity['from'], id: string, activity: Record<string, unknown>) {
    const stored: StoredActivity = {
      id,
      conversationId,
      from,
      activity,
      timestamp: new Date().toISOString(),
      updated: false,
      deleted: false,
    };
    this.list(conversationId, true).push(stored);
    for (const listener of this.listeners) listener(stored);
    return stored;
  }

  find(conversationId: string, id: string): StoredActivity | undefined {
    return this.conversations.get(conversationId)?.find((stored) => stored.id === id);
  }

  /** Replaces the content of an activity; an activity the sim never saw is added as updated. */
  update(conversationId: string, id: string, activity: Record<string, unknown>, from: StoredActivity['from']) {
    const stored = this.find(conversationId, id) ?? this.append(conversationId, from, id, activity);
    stored.activity = { ...activity, id };
    stored.updated = true;
    return stored;
  }

  markDeleted(conversationId: string, id: string): void {
    const stored = this.find(conversationId, id);
    if (stored) stored.deleted = true;
  }

  list(conversationId: string, create = false): StoredActivity[] {
    const existing = this.conversations.get(conversationId);
    if (existing) return existing;
    const created: StoredActivity[] = [];
    if (create) this.conversations.set(conversationId, created);
    return created;
  }
}
