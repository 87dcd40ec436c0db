import { randomUUID } from 'node:crypto';
import { consoleMessageEventSchema, metadataFor, recipientsExportEventSchema, SUBJECTS, type ConsoleAuthor, type ConsoleExportState, type RecipientsExportEvent } from '@herald/contracts';
import { subjectToken, type EventStore } from '@herald/event-sourcing';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../../problem-details.filter.js';
import { exportFileName, exportViewOf, sentMessageOf } from './export-view.js';

/**
 * Recipient exports as the console asks for them: requested for a sent message of the author's
 * tenant (the notifier offers the file in the author's personal chat), and read back from the
 * export's events. Another tenant's message or export: 404; a message never sent: 409.
 */
export class ConsoleExports {
  constructor(
    private readonly events: EventStore,
    private readonly logger: Logger,
  ) {}

  async request(author: ConsoleAuthor, messageId: string): Promise<{ exportId: string }> {
    // An event of a kind this gateway does not know yet (a newer console) is passed over, not an error.
    const events = await this.read(SUBJECTS.consoleMessage(subjectToken(messageId)), (raw) => consoleMessageEventSchema.safeParse(raw).data);
    const message = sentMessageOf(events.filter((event) => event !== undefined));
    if (!message || message.tenantId !== author.tenantId) throw new Problem(404, `no console message ${messageId}`);
    if (!message.notificationId) throw new Problem(409, 'the message was never sent: it has no recipients to export');
    const exportId = randomUUID();
    const now = new Date();
    const requested: RecipientsExportEvent = {
      type: 'RecipientsExportRequested',
      data: { exportId, messageId, notificationId: message.notificationId, author, fileName: exportFileName(message.title, now), requestedAt: now.toISOString() },
      metadata: metadataFor({ id: exportId, occurredAt: now }),
    };
    await this.bus(() => this.events.append(SUBJECTS.consoleExport(subjectToken(exportId)), [requested], { expectedLastSequence: 0 }));
    return { exportId };
  }

  async view(author: ConsoleAuthor, exportId: string): Promise<ConsoleExportState> {
    const view = exportViewOf(await this.read(SUBJECTS.consoleExport(subjectToken(exportId)), (raw) => recipientsExportEventSchema.parse(raw)));
    if (!view || view.tenantId !== author.tenantId) throw new Problem(404, `no export ${exportId}`);
    const { tenantId: _tenant, ...answer } = view;
    return answer;
  }

  private async read<Event>(subject: string, parse: (raw: unknown) => Event): Promise<Event[]> {
    const { events } = await this.bus(() => this.events.read(subject, parse));
    return events.map(({ event }) => event);
  }

  /** A bus call; the bus unavailable: 503 with Retry-After. */
  private async bus<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.logger.warn({ err: error }, 'console exports: the message bus did not answer');
      throw new Problem(503, 'the message bus is unavailable; retry later', { 'retry-after': '5' });
    }
  }
}
