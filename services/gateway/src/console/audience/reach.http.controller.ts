import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { consoleAudienceSchema, consoleReachAnswerSchema, SUBJECTS, type ConsoleReachAnswer } from '@herald/contracts';
import { z } from 'zod';
import { parseBody } from '../../problem-details.filter.js';
import { ConsoleAuthors } from '../authors/console-authors.js';
import { ConsoleReadsClient } from '../listing/console-reads.client.js';

const reachBodySchema = z.strictObject({ audience: consoleAudienceSchema });
/** Groups are counted page by page through graph-sync: the author waits up to this long. */
const REACH_TIMEOUT_MS = 25_000;

/** `POST /api/v1/console/reach` `{ audience }`: how many people (and channel posts) it reaches, before sending. */
@Controller('api/v1/console/reach')
export class ReachController {
  constructor(
    @Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors,
    @Inject(ConsoleReadsClient) private readonly reads: ConsoleReadsClient,
  ) {}

  @Post()
  @HttpCode(200)
  async reach(@Body() body: unknown, @Req() request: FastifyRequest): Promise<ConsoleReachAnswer> {
    const { tenantId } = await this.authors.identify(request);
    const { audience } = parseBody(reachBodySchema, body);
    return this.reads.ask(SUBJECTS.consoleReachRequest, 'ConsoleReachRequested', { tenantId, audience }, consoleReachAnswerSchema, REACH_TIMEOUT_MS);
  }
}
