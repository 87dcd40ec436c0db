import { groupMembersAnswerSchema, metadataFor, SUBJECTS, type GroupMembersAnswer } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../../problem-details.filter.js';

/** How long the gateway trusts the members it read (graph-sync keeps its own, longer cache of Graph's answer). */
const MEMBERS_TTL_MS = 60_000;
const ASK_TIMEOUT_MS = 5_000;
const NO_ANSWER_RETRY_SECONDS = 5;

type Members = ReadonlySet<string>;

/**
 * The authors group's transitive members in each tenant, from graph-sync (it alone talks to
 * Graph), kept for a minute. A tenant where the group does not exist, or that refused Graph, has
 * no authors by group; graph-sync unavailable: 503 with Retry-After.
 */
export class AuthorsGroup {
  private readonly members = new Map<string, { members: Promise<Members>; until: number }>();

  constructor(
    private readonly bus: MessageBus,
    private readonly groupId: string,
    private readonly logger: Logger,
  ) {}

  async has(person: { tenantId: string; aadObjectId: string }): Promise<boolean> {
    return (await this.membersOf(person.tenantId)).has(person.aadObjectId.toLowerCase());
  }

  private membersOf(tenantId: string): Promise<Members> {
    const cached = this.members.get(tenantId);
    if (cached && cached.until > Date.now()) return cached.members;
    const members = this.read(tenantId);
    this.members.set(tenantId, { members, until: Date.now() + MEMBERS_TTL_MS });
    // A failed read is not kept: the next request asks again.
    members.catch(() => this.members.delete(tenantId));
    return members;
  }

  private async read(tenantId: string): Promise<Members> {
    const ids = new Set<string>();
    let after: string | undefined;
    do {
      const answer = await this.ask(tenantId, after);
      if (answer.status === 'notFound' || answer.status === 'refused') {
        this.logger.warn({ tenantId, groupId: this.groupId, answer: answer.status, ...(answer.status === 'refused' ? { code: answer.code } : {}) }, 'the authors group cannot be read in this tenant');
        return ids;
      }
      if (answer.status === 'unavailable') {
        const seconds = Math.max(1, Math.ceil(answer.retryInMs / 1_000));
        throw new Problem(503, `the authors group cannot be read now (${answer.code}); retry in ${seconds} s`, { 'retry-after': String(seconds) });
      }
      for (const member of answer.members) ids.add(member.userId.toLowerCase());
      after = answer.next;
    } while (after);
    return ids;
  }

  private async ask(tenantId: string, after: string | undefined): Promise<GroupMembersAnswer> {
    const request = { type: 'GroupMembersRequested', data: { tenantId, groupId: this.groupId, limit: 1_000, ...(after ? { after } : {}) }, metadata: metadataFor({ occurredAt: new Date() }) };
    try {
      return groupMembersAnswerSchema.parse(await this.bus.request(SUBJECTS.groupMembersRequest, request, ASK_TIMEOUT_MS));
    } catch (error) {
      this.logger.warn({ err: error, tenantId }, 'graph-sync did not answer for the authors group');
      throw new Problem(503, 'the authors group cannot be read now; retry later', { 'retry-after': String(NO_ANSWER_RETRY_SECONDS) });
    }
  }
}
