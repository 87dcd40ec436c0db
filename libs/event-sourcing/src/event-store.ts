import { JetStreamApiCodes, JetStreamApiError, jetstreamManager, type JetStreamManager, type PubAck } from '@nats-io/jetstream';
import type { Message } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import { ConcurrencyError } from './concurrency-error.js';
import { readSubject } from './read-subject.js';

type AnyMessage = Message<string, unknown>;

export interface StoredEvent<Event> {
  event: Event;
  /** Its stream sequence. */
  sequence: number;
}

export interface ReadResult<Event> {
  /** Every event on the subject, oldest first. */
  events: StoredEvent<Event>[];
  /** The sequence of the last of them; 0 when there is none. Expect it in the next `append`. */
  lastSequence: number;
}

export interface AppendOptions<Event> {
  /** The subject's last sequence when the caller read it: 0 for an aggregate with no event yet. */
  expectedLastSequence: number;
  /** De-duplication id of each event; defaults to `event.metadata.id`. */
  msgID?: (event: Event) => string;
}

export interface AppendResult {
  /** The subject's last sequence after the append: the `expectedLastSequence` of the next one. */
  lastSequence: number;
  /** How many events were stored now; the rest were stored already (a retried append, by msgID). */
  appended: number;
}

export interface EventStoreOptions {
  /** The stream holding the subjects; found from the first subject of each family when absent. */
  stream?: string;
  readTimeoutMs?: number;
}

/**
 * Aggregates on JetStream, one subject per aggregate (e.g. `router.conversation.<token>`): on
 * nats-server 2.9 optimistic concurrency (`Nats-Expected-Last-Subject-Sequence`) is per publish
 * subject. The event's type travels in its body and in the `Herald-Type` header.
 */
export class EventStore {
  private manager: Promise<JetStreamManager> | undefined;
  private readonly streams = new Map<string, Promise<string>>();

  constructor(
    private readonly bus: MessageBus,
    private readonly options: EventStoreOptions = {},
  ) {}

  /**
   * Every event of the aggregate on `relativeSubject` (relative to the bus prefix), oldest first:
   * one round trip for none or one event, plus an ephemeral consumer for more (read-subject.ts).
   */
  async read<Event>(relativeSubject: string, parse: (raw: unknown) => Event): Promise<ReadResult<Event>> {
    const subject = this.bus.names.subject(relativeSubject);
    const [jsm, stream] = await Promise.all([this.jsm(), this.streamOf(subject)]);
    const messages = await readSubject(jsm, this.bus.connection, {
      stream,
      subject,
      timeoutMs: this.options.readTimeoutMs ?? 5_000,
    });
    const events = messages.map(({ sequence, body }) => ({ event: parse(body), sequence }));
    return { events, lastSequence: events.at(-1)?.sequence ?? 0 };
  }

  /**
   * Appends `events` in order, each expecting the previous one's sequence, the first expecting
   * `expectedLastSequence`. Throws ConcurrencyError when another writer came first. A repeated
   * append (same msgIDs, inside the stream's duplicate window) stores nothing again.
   * nats-server 2.9 has no atomic batch: a failure between two events leaves the first stored;
   * retrying the same append completes it.
   */
  async append<Event extends AnyMessage>(
    relativeSubject: string,
    events: readonly Event[],
    options: AppendOptions<Event>,
  ): Promise<AppendResult> {
    let lastSequence = options.expectedLastSequence;
    let appended = 0;
    for (const event of events) {
      const ack = await this.publish(relativeSubject, event, lastSequence, options.msgID?.(event) ?? event.metadata.id);
      if (!ack.duplicate) appended += 1;
      lastSequence = ack.seq;
    }
    return { lastSequence, appended };
  }

  private async publish(relativeSubject: string, event: AnyMessage, expected: number, msgID: string): Promise<PubAck> {
    try {
      return await this.bus.publish(relativeSubject, event, { msgID, expectLastSubjectSequence: expected });
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamWrongLastSequence)) throw error;
      const actual = /wrong last sequence: (\d+)/.exec(error.message)?.[1];
      const subject = this.bus.names.subject(relativeSubject);
      throw new ConcurrencyError(subject, expected, actual === undefined ? undefined : Number(actual), { cause: error });
    }
  }

  private jsm(): Promise<JetStreamManager> {
    this.manager ??= jetstreamManager(this.bus.connection, { checkAPI: false });
    return this.manager;
  }

  /** The stream of `subject`, looked up once per family (the subject without its last token). */
  private streamOf(subject: string): Promise<string> {
    if (this.options.stream) return Promise.resolve(this.options.stream);
    const family = subject.slice(0, subject.lastIndexOf('.'));
    let stream = this.streams.get(family);
    if (!stream) {
      stream = this.jsm().then((jsm) => jsm.streams.find(subject));
      this.streams.set(family, stream);
      stream.catch(() => this.streams.delete(family));
    }
    return stream;
  }
}
