import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CONSUMERS, fileConsentAnsweredSchema, SUBJECTS, type FileConsentAnswered } from '@herald/contracts';
import { JetStreamEventPattern, RetryLaterError } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { AuthorChats, type Chat } from '../author-chat.js';
import { exportIdOf } from '../export-cards.js';
import { ExportBook } from '../export-book.js';
import { ExportRecipients } from '../export-recipients.js';
import { ExportSteps, type UploadInfo } from '../export-steps.js';
import { recipientsCsv } from '../recipients-csv.js';
import type { RecipientsExport } from '../recipients-export.js';

/**
 * FileConsentAnswered for an export's consent card, in the author's chat, while offered:
 * accept → the CSV of the notification's recipients uploaded to the upload session Teams gave,
 * the file info card sent, the consent card replaced, Uploaded; decline → the card replaced,
 * Declined, nothing kept. Each step at most once: a redelivered or repeated answer uploads
 * nothing twice. Teams had its 200 from the router at once; the upload happens here.
 */
@Controller()
export class AnswerExportWhenConsentAnsweredConsumer {
  constructor(
    @Inject(ExportBook) private readonly book: ExportBook,
    @Inject(AuthorChats) private readonly chats: AuthorChats,
    @Inject(ExportRecipients) private readonly recipients: ExportRecipients,
    @Inject(ExportSteps) private readonly steps: ExportSteps,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.interaction('file-consent-answered'), { durable: CONSUMERS.notifierExportAnswers })
  async handle(@Payload() payload: unknown): Promise<void> {
    const parsed = fileConsentAnsweredSchema.safeParse(payload);
    const exportId = parsed.success ? exportIdOf(parsed.data.data.context) : undefined;
    if (!parsed.success || !exportId) return;
    const answer = parsed.data;
    const state = await this.book.load(exportId);
    // Answered between the card's send and its Offered being stored: looked at again once it is.
    if (state.status === 'requested') throw new RetryLaterError('the export is being offered; its answer waits', OFFER_PENDING_RETRY_MS);
    // Only the author's own chat answers their export (a context copied elsewhere changes nothing).
    if (!state.conversationId || state.conversationId !== answer.data.conversationId) return;
    const chat = await this.chats.chatOf(state.conversationId, state.author, answer.metadata);
    if (!chat) return void this.logger.warn({ exportId }, 'the chat of an export answer is unknown');
    if (answer.data.action === 'decline') return this.decline(exportId, state, chat, answer);
    return this.accept(exportId, state, chat, answer);
  }

  private async decline(exportId: string, state: RecipientsExport, chat: Chat, answer: FileConsentAnswered): Promise<void> {
    if (state.status === 'offered') await this.book.handle('RecordDecline', { exportId }, answer.metadata);
    else if (state.status !== 'declined') return;
    await this.steps.settleCard(exportId, chat, state.activityId, 'declined', state.fileName ?? '');
  }

  private async accept(exportId: string, state: RecipientsExport, chat: Chat, answer: FileConsentAnswered): Promise<void> {
    if (state.status !== 'offered') return;
    const upload = uploadInfoOf(answer, state.fileName ?? 'recipients.csv');
    if (!upload) return void (await this.book.handle('RecordFailure', { exportId, reason: 'NoUploadUrl' }, answer.metadata));
    const rows = await this.recipients.of(state.notificationId ?? '');
    const content = recipientsCsv(rows);
    const uploaded = await this.steps.upload(exportId, chat, upload.uploadUrl, content);
    if (!uploaded.done) {
      this.logger.warn({ exportId, code: uploaded.code }, 'recipients export upload failed');
      return void (await this.book.handle('RecordFailure', { exportId, reason: uploaded.code }, answer.metadata));
    }
    await this.steps.showFile(exportId, chat, upload);
    await this.steps.settleCard(exportId, chat, state.activityId, 'uploaded', upload.name);
    const { contentUrl } = upload;
    await this.book.handle('RecordUpload', { exportId, fileName: upload.name, bytes: content.length, rows: rows.length, ...(contentUrl ? { contentUrl } : {}) }, answer.metadata);
  }
}

const OFFER_PENDING_RETRY_MS = 1_000;

function uploadInfoOf(answer: FileConsentAnswered, fallbackName: string): UploadInfo | undefined {
  const info = answer.data.uploadInfo;
  if (!info?.uploadUrl) return undefined;
  const fileType = typeof info['fileType'] === 'string' ? info['fileType'] : undefined;
  return { uploadUrl: info.uploadUrl, name: info.name ?? fallbackName, ...(info.contentUrl ? { contentUrl: info.contentUrl } : {}), ...(info.uniqueId ? { uniqueId: info.uniqueId } : {}), ...(fileType ? { fileType } : {}) };
}
