import { metadataFor, type Message } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import type { z } from 'zod';
import { Problem } from '../../problem-details.filter.js';

/**
 * Asks the notifier one of the console's reads (request/reply) and checks its answer against the
 * contract; 503 with Retry-After when the notifier does not answer.
 */
export class ConsoleReadsClient {
  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  async ask<T>(subject: string, type: string, data: Record<string, unknown>, answer: z.ZodType<T>, timeoutMs = 5_000): Promise<T> {
    const request: Message<string, unknown> = { type, data, metadata: metadataFor({ occurredAt: new Date() }) };
    let body: unknown;
    try {
      body = await this.bus.request(subject, request, timeoutMs);
    } catch (error) {
      this.logger.warn({ err: error, type }, 'the notifier did not answer a console read');
      throw new Problem(503, 'this part of the console is unavailable; retry later', { 'retry-after': '5' });
    }
    return answer.parse(body);
  }
}
