import { Readable } from 'node:stream';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { statusBucketSchema, type RecipientPage } from '@herald/contracts';
import { LOGGER, type Logger } from '@herald/telemetry';
import { ConsoleAuthors } from '../authors/console-authors.js';
import { ConsoleMessages } from '../messages/console-messages.js';
import { MessageStatusClient } from './message-status.client.js';
import { integerIn, oneOf, once, type QueryParams } from './query-params.js';
import { attachmentOf, csvRecord, CSV_HEADER } from './recipients-csv.js';

/** The CSV reads the recipients in pages this large, writing each before reading the next. */
const CSV_PAGE = 500;

/**
 * A sent console message's recipients, each with its outcome and reason: `GET …/recipients`
 * (paged by recipient key, filtered by bucket) and `GET …/recipients.csv` (every one, streamed
 * page by page, so 100,000 rows are never held at once).
 */
@Controller('api/v1/console/messages')
export class MessageRecipientsController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleMessages) private readonly messages: ConsoleMessages,
    @Inject(MessageStatusClient) private readonly reads: MessageStatusClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get(':id/recipients')
  async page(@Param('id') id: string, @Query() query: QueryParams, @Req() request: FastifyRequest): Promise<RecipientPage> {
    const author = await this.authors.identify(request);
    const bucket = oneOf(query, 'bucket', statusBucketSchema.options);
    const after = once(query, 'after');
    const limit = integerIn(query, 'limit', 1, 500);
    const message = await this.messages.find(id, author.tenantId);
    if (!message.notificationId) return { recipients: [], next: null };
    return this.reads.recipients(message.notificationId, { ...(bucket ? { bucket } : {}), ...(after ? { after } : {}), ...(limit ? { limit } : {}) });
  }

  @Get(':id/recipients.csv')
  async csv(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const author = await this.authors.identify(request);
    const message = await this.messages.find(id, author.tenantId);
    this.logger.info({ messageId: id, aadObjectId: author.aadObjectId }, 'console recipients downloaded');
    const { notificationId } = message;
    const reads = this.reads;
    async function* lines(): AsyncGenerator<string> {
      yield CSV_HEADER;
      let after: string | undefined;
      while (notificationId) {
        const page = await reads.recipients(notificationId, { limit: CSV_PAGE, ...(after ? { after } : {}) });
        if (page.recipients.length > 0) yield page.recipients.map(csvRecord).join('');
        if (!page.next) return;
        after = page.next;
      }
    }
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentOf(message.draft?.title ?? ''))
      .header('cache-control', 'no-store')
      .send(Readable.from(lines(), { objectMode: false }));
  }
}
