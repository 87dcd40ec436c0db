import type { ConsoleStatusSnapshot } from '@herald/contracts';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { ConsoleAuthors } from '../authors/console-authors.js';
import { ConsoleMessages } from '../messages/console-messages.js';
import { MessageStatusClient } from './message-status.client.js';
import { OpenStreams } from './open-streams.js';
import { StatusFeed } from './status-feed.js';

const KEEP_ALIVE_MS = 15_000;

/**
 * `GET /api/v1/console/messages/{id}/events`: server-sent events — `event: status` with
 * `{ state, status, engagement }` on connect and on each change (at most 4 a second), a
 * `: keep-alive` comment every 15 s — until the client goes away (or the gateway shuts down).
 * Not buffered by proxies.
 */
@Controller('api/v1/console/messages')
export class MessageEventsController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleMessages) private readonly messages: ConsoleMessages,
    @Inject(MessageStatusClient) private readonly reads: MessageStatusClient,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(OpenStreams) private readonly open: OpenStreams,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Get(':id/events')
  async events(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const author = await this.authors.identify(request);
    const message = await this.messages.find(id, author.tenantId);
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    out.write('retry: 3000\n\n');
    const send = (snapshot: ConsoleStatusSnapshot) => out.write(`event: status\ndata: ${JSON.stringify(snapshot)}\n\n`);
    const feed = new StatusFeed(message, { bus: this.bus, reads: this.reads, reload: () => this.messages.find(id, author.tenantId), send, logger: this.logger });
    const keepAlive = setInterval(() => out.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    const forget = this.open.add(() => out.end());
    out.on('close', () => {
      clearInterval(keepAlive);
      feed.stop();
      forget();
    });
    await feed.start();
  }
}
