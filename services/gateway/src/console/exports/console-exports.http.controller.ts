import { Controller, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleAuthors } from '../authors/console-authors.js';
import { ConsoleExports } from './console-exports.js';

/**
 * `POST /api/v1/console/messages/{id}/exports` → 202 `{ exportId }`: the sent message's recipients
 * offered as a CSV file in the author's personal chat (Teams' file consent card);
 * `GET /api/v1/console/exports/{exportId}` → where it stands.
 */
@Controller('api/v1/console')
export class ConsoleExportsController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleExports) private readonly exports: ConsoleExports,
  ) {}

  @Post('messages/:id/exports')
  @HttpCode(202)
  async request(@Req() request: FastifyRequest, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<{ exportId: string }> {
    const answer = await this.exports.request(await this.authors.identify(request), id);
    void reply.header('location', `/api/v1/console/exports/${encodeURIComponent(answer.exportId)}`);
    return answer;
  }

  @Get('exports/:exportId')
  async view(@Req() request: FastifyRequest, @Param('exportId') exportId: string) {
    return this.exports.view(await this.authors.identify(request), exportId);
  }
}
