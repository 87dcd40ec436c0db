import { z } from 'zod';
import { conversationDiscoveredSchema, deriveId, metadataFor, type ConversationDiscovered, type Message, type Metadata } from '@herald/contracts';
import type { Decider } from '@herald/event-sourcing';

/**
 * The conversation aggregate as far as graph-sync needs it: installed or not, and since when.
 * Events are read loosely (the router owns the aggregate); only ConversationDiscovered, graph-sync's own, is checked in full.
 */
const looseEvent = z.object({ type: z.string(), data: z.object({}).loose(), metadata: z.object({}).loose() }).loose();
export type ConversationFact = Message<string, Record<string, unknown>>;

export function parseConversationFact(raw: unknown): ConversationFact {
  const event = looseEvent.parse(raw);
  return (event.type === 'ConversationDiscovered' ? conversationDiscoveredSchema.parse(raw) : event) as ConversationFact;
}

export interface DiscoveryState {
  installed: boolean;
  /** When the record that installed it says it happened (epoch ms). */
  installedSinceMs: number | undefined;
  /** Events folded: the position a new event is derived from. */
  version: number;
}

/** Command: Graph shows the bot's personal chat with the user. `installedAt`: this request installed the app then. */
export interface DiscoverConversation {
  type: 'DiscoverConversation';
  data: { conversation: Omit<ConversationDiscovered['data'], 'via' | 'discoveredAt'>; installedAt?: string };
  metadata: Metadata;
}

const timeOf = (value: unknown): number | undefined => (typeof value === 'string' && Number.isFinite(Date.parse(value)) ? Date.parse(value) : undefined);

export const conversationDiscoveryDecider: Decider<DiscoveryState, DiscoverConversation, ConversationFact> = {
  initialState: () => ({ installed: false, installedSinceMs: undefined, version: 0 }),

  evolve(state, event) {
    const version = state.version + 1;
    switch (event.type) {
      case 'ConversationInstalled':
        return { installed: true, installedSinceMs: timeOf(event.data['installedAt']), version };
      case 'ConversationDiscovered':
        return { installed: true, installedSinceMs: timeOf(event.data['discoveredAt']), version };
      case 'ConversationUninstalled':
        return { installed: false, installedSinceMs: undefined, version };
      default:
        return { ...state, version };
    }
  },

  /**
   * Recorded when the events do not say installed, or when this request installed the app and the
   * events' install is older than that (a reinstall after an uninstall Herald never heard of). The
   * id derives from the aggregate's position, so concurrent requests deciding the same append one.
   */
  decide(command, state) {
    const installedAt = timeOf(command.data.installedAt);
    if (state.installed && (installedAt === undefined || (state.installedSinceMs ?? 0) >= installedAt)) return [];
    const { conversation } = command.data;
    const id = deriveId('ConversationDiscovered', conversation.conversationId, String(state.version));
    const data: ConversationDiscovered['data'] = { ...conversation, via: installedAt === undefined ? 'graphLookup' : 'graphInstall', discoveredAt: command.metadata.occurredAt };
    return [{ type: 'ConversationDiscovered', data, metadata: metadataFor({ id, cause: command.metadata, occurredAt: new Date(command.metadata.occurredAt) }) }];
  },
};
