import type { Message } from '@herald/contracts';
import { ConcurrencyError } from './concurrency-error.js';
import type { Decider } from './decider.js';
import type { EventStore } from './event-store.js';

type AnyMessage = Message<string, unknown>;

/** What handleCommand needs of an EventStore. */
export type EventStream = Pick<EventStore, 'read' | 'append'>;

export interface AggregateStream<Event> {
  /** The aggregate's subject, relative to the bus prefix: `router.conversation.<subjectToken(id)>`. */
  subject: string;
  /** Validates one stored event (e.g. a zod schema's `parse`). */
  parse: (raw: unknown) => Event;
  /** Re-reads and decides again this many times when another writer came first; 3 by default. */
  retries?: number;
}

export interface CommandResult<Event> {
  /** The events the command caused (already stored ones included, when the command was repeated). */
  events: Event[];
  /** The subject's last sequence after them. */
  nextExpectedSequence: number;
}

/**
 * Load → fold → decide → check → append with the expected version (EventSourcing.NodeJS
 * `samples/decider`), retried from the load when another writer appended in between.
 */
export async function handleCommand<State, Command, Event extends AnyMessage>(
  store: EventStream,
  decider: Decider<State, Command, Event>,
  stream: AggregateStream<Event>,
  command: Command,
): Promise<CommandResult<Event>> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await decideOnce(store, decider, stream, command);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= (stream.retries ?? 3)) throw error;
    }
  }
}

async function decideOnce<State, Command, Event extends AnyMessage>(
  store: EventStream,
  decider: Decider<State, Command, Event>,
  stream: AggregateStream<Event>,
  command: Command,
): Promise<CommandResult<Event>> {
  const { events: stored, lastSequence } = await store.read(stream.subject, stream.parse);
  const state = stored.reduce((current, { event }) => decider.evolve(current, event), decider.initialState());
  const events = decider.decide(command, state);
  if (events.length === 0) return { events, nextExpectedSequence: lastSequence };
  // Checked as its readers will check it: an event they would refuse is never stored (a ZodError: permanent).
  for (const event of events) stream.parse(event);
  const appended = await store.append(stream.subject, events, { expectedLastSequence: lastSequence });
  return { events, nextExpectedSequence: appended.lastSequence };
}
