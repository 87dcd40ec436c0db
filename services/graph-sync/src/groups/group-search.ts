import type { GroupSearchAnswer, groupSearchRequestSchema } from '@herald/contracts';
import type { GraphClient } from '@herald/graph-client';
import { isGraphRefusal, unavailableOrThrow } from '../graph-failure.js';

const GROUP_SELECT = 'id,displayName,mail,description';

interface ListedGroup {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  description?: string | null;
}

/** `"displayName:{query}"`, a backslash before each `"` and `\` of the query so it stays one term. */
export function displayNameSearch(query: string): string {
  return `"displayName:${query.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** Groups whose display name matches (`groups?$search`, an advanced query: ConsistencyLevel eventual), the first `top`. */
export async function searchGroups(graph: GraphClient, request: ReturnType<typeof groupSearchRequestSchema.parse>['data']): Promise<GroupSearchAnswer> {
  const query = new URLSearchParams({ $search: displayNameSearch(request.query), $select: GROUP_SELECT, $top: String(request.top) });
  try {
    const body = await graph.get<{ value?: ListedGroup[] }>(`/groups?${query.toString().replace(/\+/g, '%20')}`, { ConsistencyLevel: 'eventual' });
    const groups = (body?.value ?? []).map((group) => ({ id: group.id, displayName: group.displayName ?? null, mail: group.mail ?? null, description: group.description ?? null }));
    return { status: 'ok', groups };
  } catch (error) {
    if (isGraphRefusal(error)) return { status: 'refused', code: error.code };
    return unavailableOrThrow(error);
  }
}
