import { groupSearchAnswerSchema, SUBJECTS, type GroupSearchAnswer, type GroupSearchRequest } from '@herald/contracts';
import { REPLY_ERROR_HEADER, type MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../problem-details.filter.js';

const SEARCH_TIMEOUT_MS = 5_000;
/** What the gateway says when graph-sync does not answer at all. */
const NO_ANSWER_RETRY_SECONDS = 5;

export type FoundGroup = Extract<GroupSearchAnswer, { status: 'ok' }>['groups'][number];

/**
 * Groups are graph-sync's (it alone talks to Microsoft Graph): the gateway asks it over core NATS
 * request/reply and turns its answer into HTTP. The graph-sync request/replies carry plain bodies,
 * not `{ type, data, metadata }` envelopes (graph.messages.ts), so this sends on the bus's
 * connection itself: `MessageBus.request` takes envelopes only.
 */
export class GroupSearchClient {
  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  /** The groups graph-sync found; 503 with Retry-After when it does not answer, or answers that Graph is unavailable. */
  async search(request: GroupSearchRequest): Promise<FoundGroup[]> {
    const answer = groupSearchAnswerSchema.parse(await this.ask(request));
    if (answer.status === 'ok') return answer.groups;
    this.logger.info({ tenantId: request.tenantId, code: answer.code, retryInMs: answer.retryInMs }, 'group search unavailable');
    const seconds = Math.max(1, Math.ceil(answer.retryInMs / 1_000));
    throw new Problem(503, `group search is unavailable (${answer.code}); retry in ${seconds} s`, { 'retry-after': String(seconds) });
  }

  private async ask(request: GroupSearchRequest): Promise<unknown> {
    const subject = this.bus.names.subject(SUBJECTS.groupSearchRequest);
    try {
      const reply = await this.bus.connection.request(subject, JSON.stringify(request), { timeout: SEARCH_TIMEOUT_MS });
      const body = reply.json<unknown>();
      if (reply.headers?.get(REPLY_ERROR_HEADER)) throw new Error(`graph-sync failed: ${(body as { error?: string }).error}`);
      return body;
    } catch (error) {
      this.logger.warn({ err: error, tenantId: request.tenantId }, 'graph-sync did not answer a group search');
      throw new Problem(503, 'group search is unavailable; retry later', { 'retry-after': String(NO_ANSWER_RETRY_SECONDS) });
    }
  }
}
