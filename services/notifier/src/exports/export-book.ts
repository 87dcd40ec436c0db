import { deriveId, metadataFor, recipientsExportEventSchema, SUBJECTS, type Metadata, type RecipientsExportEvent } from '@herald/contracts';
import { handleCommand, subjectToken, type EventStore } from '@herald/event-sourcing';
import type { Clock } from '../scheduling/clock.js';
import { recipientsExportDecider, type ExportCommand } from './recipients-export.decider.js';
import { evolve, initialState, type RecipientsExport } from './recipients-export.js';

const parse = (raw: unknown): RecipientsExportEvent => recipientsExportEventSchema.parse(raw);

/**
 * Exports as event-sourced aggregates on `console.export.<token>` (CONSOLE): loaded by folding
 * their events, changed through the decider with the expected last sequence. Commands are timed
 * by the notifier's clock and keyed by the export and their kind, so a repeat stores nothing.
 */
export class ExportBook {
  constructor(
    private readonly events: EventStore,
    private readonly clock: Clock,
  ) {}

  async load(exportId: string): Promise<RecipientsExport> {
    const { events } = await this.events.read(subjectOf(exportId), parse);
    return events.reduce((state, { event }) => evolve(state, event), initialState());
  }

  /** Decides and appends; resolves with the events it caused (none when it changed nothing). */
  async handle<Type extends ExportCommand['type']>(type: Type, data: Extract<ExportCommand, { type: Type }>['data'], cause: Pick<Metadata, 'id' | 'correlationId'>): Promise<RecipientsExportEvent[]> {
    const command = { type, data, metadata: metadataFor({ id: deriveId(type, data.exportId), cause, occurredAt: this.clock.now() }) } as ExportCommand;
    const { events } = await handleCommand(this.events, recipientsExportDecider, { subject: subjectOf(data.exportId), parse }, command);
    return events;
  }
}

const subjectOf = (exportId: string): string => SUBJECTS.consoleExport(subjectToken(exportId));
