import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CONSUMERS, expireRecipientsExportSchema, SUBJECTS } from '@herald/contracts';
import { JetStreamEventPattern } from '@herald/messaging';
import { AuthorChats } from '../author-chat.js';
import { ExportBook } from '../export-book.js';
import { ExportSteps } from '../export-steps.js';

/**
 * ExpireRecipientsExport (the scheduler, EXPORT_OFFER_HOURS after the offer) → Expired unless the
 * author answered meanwhile, and the consent card replaced: it can no longer be answered, and no
 * file is kept. A redelivery changes nothing more.
 */
@Controller()
export class ExpireExportWhenDueConsumer {
  constructor(
    @Inject(ExportBook) private readonly book: ExportBook,
    @Inject(AuthorChats) private readonly chats: AuthorChats,
    @Inject(ExportSteps) private readonly steps: ExportSteps,
  ) {}

  @JetStreamEventPattern(SUBJECTS.expireExport, { durable: CONSUMERS.notifierExpireExports })
  async handle(@Payload() payload: unknown): Promise<void> {
    const command = expireRecipientsExportSchema.parse(payload);
    const { exportId } = command.data;
    const state = await this.book.load(exportId);
    if (state.status === 'offered') await this.book.handle('Expire', { exportId }, command.metadata);
    if ((await this.book.load(exportId)).status !== 'expired' || !state.conversationId) return;
    const chat = await this.chats.chatOf(state.conversationId, state.author, command.metadata);
    if (chat) await this.steps.settleCard(exportId, chat, state.activityId, 'expired', state.fileName ?? '');
  }
}
