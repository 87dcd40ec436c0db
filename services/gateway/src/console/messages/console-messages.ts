import { randomUUID } from 'node:crypto';
import { consoleMessageEventSchema, metadataFor, SUBJECTS } from '@herald/contracts';
import { ConcurrencyError, handleCommand, subjectToken, type EventStream } from '@herald/event-sourcing';
import { currentTraceparent } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { ZodError } from 'zod';
import { Problem } from '../../problem-details.filter.js';
import type { ConsoleMessageCommand } from './console-message.commands.js';
import { consoleMessageDecider, ConsoleMessageRefused } from './console-message.decider.js';
import type { ConsoleMessage } from './console-message.js';

/** Message ids are UUIDs (`randomUUID` when drafted): any other path segment names no message. */
const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parse = (raw: unknown) => consoleMessageEventSchema.parse(raw);

/**
 * Console messages as events on `console.message.<id token>` (CONSOLE stream): read by folding
 * them, changed through the decider with optimistic concurrency on the message's subject.
 * Refusals become problems (404, 403, 409); a bus that does not answer, 503.
 */
export class ConsoleMessages {
  constructor(
    private readonly events: EventStream,
    private readonly logger: Logger,
  ) {}

  /** The message as its events tell it, if it is one of `tenantId`'s and not deleted (404 otherwise). */
  async find(messageId: string, tenantId: string): Promise<ConsoleMessage> {
    const message = MESSAGE_ID.test(messageId) ? await this.bus(() => this.read(messageId)) : undefined;
    if (!message || message.phase === 'none' || message.phase === 'deleted' || message.author?.tenantId !== tenantId) throw new Problem(404, `no message ${messageId}`);
    return message;
  }

  /** Decides `command` on the message's events, stores what it caused; the message after it. */
  async handle(command: ConsoleMessageCommand): Promise<ConsoleMessage> {
    try {
      await this.bus(() => handleCommand(this.events, consoleMessageDecider, { subject: subjectOf(command.data.messageId), parse }, command));
    } catch (error) {
      if (error instanceof ConsoleMessageRefused) throw new Problem(error.status, error.message);
      throw error;
    }
    return this.bus(() => this.read(command.data.messageId));
  }

  /** Whether `command` would be refused on `message` as it was read: checked before any side effect (a notification) is started. */
  check(command: ConsoleMessageCommand, message: ConsoleMessage): void {
    try {
      consoleMessageDecider.decide(command, message);
    } catch (error) {
      if (error instanceof ConsoleMessageRefused) throw new Problem(error.status, error.message);
      throw error;
    }
  }

  private async read(messageId: string): Promise<ConsoleMessage> {
    const { events } = await this.events.read(subjectOf(messageId), parse);
    return events.reduce((state, { event }) => consoleMessageDecider.evolve(state, event), consoleMessageDecider.initialState());
  }

  /** 409 when other writers kept coming first; 503 when the bus does not answer. */
  private async bus<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      // Refusals are the caller's to answer; an event the contract refuses is a bug (500), not an outage.
      if (error instanceof ConsoleMessageRefused || error instanceof Problem || error instanceof ZodError) throw error;
      if (error instanceof ConcurrencyError) throw new Problem(409, 'the message is being changed by someone else; reload it and try again');
      this.logger.error({ err: error }, 'console messages: the message bus failed');
      throw new Problem(503, 'the message bus is unavailable; retry later', { 'retry-after': '5' });
    }
  }
}

/** A command of `type` made now (its id and time, the trace it runs in). */
export function commandNow<C extends ConsoleMessageCommand>(type: C['type'], data: C['data'], now = new Date()): C {
  return { type, data, metadata: metadataFor({ id: randomUUID(), occurredAt: now, traceparent: currentTraceparent() }) } as C;
}

function subjectOf(messageId: string): string {
  return SUBJECTS.consoleMessage(subjectToken(messageId));
}
