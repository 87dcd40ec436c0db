import { groupSearchAnswerSchema, metadataFor, SUBJECTS, type GroupSearchAnswer, type GroupSearchRequest } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../problem-details.filter.js';

const SEARCH_TIMEOUT_MS = 5_000;
/** What the gateway says when graph-sync does not answer at all. */
const NO_ANSWER_RETRY_SECONDS = 5;

export type GroupQuery = GroupSearchRequest;
export type FoundGroup = Extract<GroupSearchAnswer, { status: 'ok' }>['groups'][number];

/** Groups are graph-sync's (it alone talks to Microsoft Graph): the gateway asks it (request/reply) and turns its answer into HTTP. */
export class GroupSearchClient {
  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
  ) {}

  /** The groups graph-sync found; 422 when Graph refused the tenant for good; 503 with Retry-After when graph-sync does not answer, or answers that Graph is unavailable. */
  async search(query: GroupQuery): Promise<FoundGroup[]> {
    const answer = groupSearchAnswerSchema.parse(await this.ask(query));
    if (answer.status === 'ok') return answer.groups;
    if (answer.status === 'refused') throw new Problem(422, `Microsoft Graph refused to list this tenant's groups (${answer.code}): has the tenant granted Herald its Graph permissions?`);
    this.logger.info({ tenantId: query.tenantId, code: answer.code, retryInMs: answer.retryInMs }, 'group search unavailable');
    const seconds = Math.max(1, Math.ceil(answer.retryInMs / 1_000));
    throw new Problem(503, `group search is unavailable (${answer.code}); retry in ${seconds} s`, { 'retry-after': String(seconds) });
  }

  private async ask(query: GroupQuery): Promise<unknown> {
    const request = { type: 'GroupSearchRequested', data: query, metadata: metadataFor({ occurredAt: new Date() }) };
    try {
      return await this.bus.request(SUBJECTS.groupSearchRequest, request, SEARCH_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ err: error, tenantId: query.tenantId }, 'graph-sync did not answer a group search');
      throw new Problem(503, 'group search is unavailable; retry later', { 'retry-after': String(NO_ANSWER_RETRY_SECONDS) });
    }
  }
}
