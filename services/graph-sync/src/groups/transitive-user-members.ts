import type { GraphMember } from '@herald/contracts';
import { graphPath, type GraphClient } from '@herald/graph-client';

/** The user properties asked of a group's members. */
const MEMBER_SELECT = 'id,displayName,userPrincipalName,accountEnabled,userType';
/** Graph's largest page of directory objects. */
const PAGE_SIZE = 999;

interface ListedMember {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
  userType?: string | null;
}

/**
 * Every user among a group's transitive members (nested groups flattened by Graph), through the
 * `microsoft.graph.user` cast; anything typed otherwise is left out too. Each user once.
 */
export async function transitiveUserMembers(graph: GraphClient, groupId: string): Promise<GraphMember[]> {
  const path = `${graphPath`/groups/${groupId}/transitiveMembers/microsoft.graph.user`}?$select=${MEMBER_SELECT}&$top=${PAGE_SIZE}`;
  const members = new Map<string, GraphMember>();
  for await (const page of graph.pages<ListedMember>(path)) {
    for (const member of page.value) {
      const type = member['@odata.type'];
      if (type !== undefined && type !== '#microsoft.graph.user') continue;
      members.set(member.id, {
        userId: member.id,
        displayName: member.displayName ?? null,
        userPrincipalName: member.userPrincipalName ?? null,
        accountEnabled: member.accountEnabled ?? null,
        userType: member.userType ?? null,
      });
    }
  }
  return [...members.values()];
}
