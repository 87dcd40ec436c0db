import { badRequest, type GraphError } from '../graph-errors.js';

export interface GroupSearch {
  readonly clauses: string[][];
  readonly all: boolean;
}

const ADVANCED_QUERY_HEADER: GraphError = {
  status: 400,
  code: 'Request_UnsupportedQuery',
  message: "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
};

/** `$count` and `$search` on directory objects are advanced queries: they need `ConsistencyLevel: eventual`. */
export function advancedQueryRefused(query: Readonly<Record<string, string | undefined>>, consistencyLevel: string | string[] | undefined): GraphError | undefined {
  const advanced = query['$search'] !== undefined || query['$count'] === 'true';
  if (!advanced || String(consistencyLevel).toLowerCase() === 'eventual') return undefined;
  return query['$search'] !== undefined ? ADVANCED_QUERY_HEADER : badRequest('$count is not currently supported.', 'Request_BadRequest');
}

/** `"displayName:sales team" OR "displayName:eng"` → its clauses' words (a term may escape `"` and `\` with a backslash); 400 for anything but displayName clauses. */
export function parseGroupSearch(raw: string): { search?: GroupSearch; error?: GraphError } {
  // A clause's term may hold `\"` and `\\` (escaped quote and backslash).
  const clauses = [...raw.matchAll(/"([^":]+):((?:[^"\\]|\\.)*)"/g)].map(([whole, property, term]) => [whole, property, term?.replace(/\\(.)/g, '$1')] as const);
  const invalid = badRequest(`Invalid $search value: ${raw}`, 'Request_UnsupportedQuery');
  if (clauses.length === 0) return { error: invalid };
  if (clauses.some(([, property]) => property?.trim() !== 'displayName')) return { error: invalid };
  const words = clauses.map(([, , term]) => (term ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  return { search: { clauses: words, all: /"\s+AND\s+"/.test(raw) } };
}
