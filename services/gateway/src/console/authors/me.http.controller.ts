import { Controller, Get, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ConsoleAuthor } from '@herald/contracts';
import { ConsoleAuthors } from './console-authors.js';

/** `GET /api/v1/console/me`: who the console's caller is — and, by answering at all, that they are an author. */
@Controller('api/v1/console/me')
export class ConsoleMeController {
  constructor(@Inject(ConsoleAuthors) private readonly authors: ConsoleAuthors) {}

  @Get()
  me(@Req() request: FastifyRequest): Promise<ConsoleAuthor> {
    return this.authors.identify(request);
  }
}
