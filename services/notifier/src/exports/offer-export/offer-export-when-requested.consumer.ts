import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CONSUMERS, metadataFor, recipientsExportEventSchema, SUBJECTS, type ExpireRecipientsExport, type RecipientsExportEvent } from '@herald/contracts';
import { JetStreamEventPattern } from '@herald/messaging';
import { ScheduledMessages } from '../../scheduling/scheduled-messages.js';
import { AuthorChats } from '../author-chat.js';
import { ExportBook } from '../export-book.js';
import { ExportRecipients } from '../export-recipients.js';
import { ExportSteps } from '../export-steps.js';
import { recipientsCsv } from '../recipients-csv.js';
import { offerDueAt } from '../recipients-export.decider.js';

type Requested = Extract<RecipientsExportEvent, { type: 'RecipientsExportRequested' }>;

/**
 * RecipientsExportRequested → the author's personal chat with Herald (installed for them through
 * graph-sync when missing) → a file consent card for the CSV (its real size) → Offered, and the
 * expiry scheduled EXPORT_OFFER_HOURS later (a Postgres row: it survives restarts). No chat:
 * Failed with why. A redelivered request sends no second card.
 */
@Controller()
export class OfferExportWhenRequestedConsumer {
  constructor(
    @Inject(ExportBook) private readonly book: ExportBook,
    @Inject(AuthorChats) private readonly chats: AuthorChats,
    @Inject(ExportRecipients) private readonly recipients: ExportRecipients,
    @Inject(ExportSteps) private readonly steps: ExportSteps,
    @Inject(ScheduledMessages) private readonly scheduled: ScheduledMessages,
  ) {}

  @JetStreamEventPattern(SUBJECTS.consoleExports, { durable: CONSUMERS.notifierOfferExports })
  async handle(@Payload() payload: unknown): Promise<void> {
    const parsed = recipientsExportEventSchema.safeParse(payload);
    if (!parsed.success || parsed.data.type !== 'RecipientsExportRequested') return;
    const requested: Requested = parsed.data;
    const { exportId, author, notificationId, fileName } = requested.data;
    if ((await this.book.load(exportId)).status !== 'requested') return;
    const found = await this.chats.find(author, requested.metadata);
    if ('failed' in found) return this.fail(requested, found.failed);
    const rows = await this.recipients.of(notificationId);
    const sent = await this.steps.offer(exportId, found.chat, { name: fileName, content: recipientsCsv(rows), rows: rows.length });
    if (!sent.done) return this.fail(requested, sent.code);
    const [offered] = await this.book.handle('RecordOffer', { exportId, conversationId: found.chat.conversationId, ...(sent.activityId ? { activityId: sent.activityId } : {}) }, requested.metadata);
    if (offered?.type === 'RecipientsExportOffered') await this.scheduleExpiry(exportId, offered);
  }

  private async scheduleExpiry(exportId: string, offered: Extract<RecipientsExportEvent, { type: 'RecipientsExportOffered' }>): Promise<void> {
    const dueAt = offerDueAt(offered.data.offeredAt);
    const message: ExpireRecipientsExport = { type: 'ExpireRecipientsExport', data: { exportId, dueAt: dueAt.toISOString() }, metadata: metadataFor({ id: `expire-export:${exportId}`, cause: offered.metadata, occurredAt: dueAt }) };
    await this.scheduled.schedule({ id: `expire-export:${exportId}`, subject: SUBJECTS.expireExport, message, dueAt });
  }

  private async fail(requested: Requested, reason: string): Promise<void> {
    await this.book.handle('RecordFailure', { exportId: requested.data.exportId, reason }, requested.metadata);
  }
}
