import { groupMembersAnswerSchema, metadataFor, SUBJECTS } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';

/** A reach is asked for while the author waits: each page of members gets this long. */
const PAGE_TIMEOUT_MS = 10_000;

/**
 * The people a group reaches (its transitive members, users only, without guests and disabled
 * accounts, whom a send skips), page by page from graph-sync; null when graph-sync cannot say now
 * (not answering, Graph busy, or refusing the tenant). A group Graph does not know reaches nobody.
 */
export async function groupPeople(bus: MessageBus, tenantId: string, groupId: string): Promise<Set<string> | null> {
  const people = new Set<string>();
  let after: string | undefined;
  do {
    const request = { type: 'GroupMembersRequested', data: { tenantId, groupId, limit: 1_000, ...(after ? { after } : {}) }, metadata: metadataFor({ occurredAt: new Date() }) };
    const answer = groupMembersAnswerSchema.safeParse(await bus.request(SUBJECTS.groupMembersRequest, request, PAGE_TIMEOUT_MS).catch(() => undefined));
    if (!answer.success) return null;
    if (answer.data.status === 'notFound') return people;
    if (answer.data.status !== 'ok') return null;
    for (const member of answer.data.members) {
      if (member.userType?.toLowerCase() !== 'guest' && member.accountEnabled !== false) people.add(member.userId);
    }
    after = answer.data.next;
  } while (after);
  return people;
}
