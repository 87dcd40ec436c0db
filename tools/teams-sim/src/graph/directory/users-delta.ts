import { badRequest, type GraphError } from '../graph-errors.js';
import { decodeToken, DEFAULT_PAGE_SIZE, encodeToken, type Snapshot } from '../graph-paging.js';
import type { GraphState, ListingMeta } from '../graph-state.js';
import { SELECTABLE_USER_PROPERTIES, userValue } from './directory-user.js';
import type { TenantDirectory } from './tenant-directory.js';

export interface UsersDeltaRequest {
  readonly tenantId: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The page size the request asked for (`Prefer: odata.maxpagesize`), if it did. */
  readonly pageSize?: number;
  /** `${graphBaseUrl}/v1.0`. */
  readonly serviceRoot: string;
}

export type UsersDeltaAnswer =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; error: GraphError; headers?: Record<string, string> };

interface DeltaToken {
  t: string;
  g: number;
  v: number;
  sel?: string[];
}

const DELTA_PATH = '/users/delta';

/**
 * An expired or unknown state token (delta query overview, "Token duration" and "Synchronization reset"; error
 * codes): 410 Gone, `syncStateNotFound` with `resyncRequired` inside, and a Location to start over from.
 */
function syncStateNotFound(root: string, select: readonly string[] | undefined): UsersDeltaAnswer {
  const query = select ? `$select=${select.join(',')}&` : '';
  return {
    ok: false,
    error: {
      status: 410,
      code: 'syncStateNotFound',
      innerCode: 'resyncRequired',
      message: 'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
    },
    headers: { location: `${root}${DELTA_PATH}?${query}$deltatoken=` },
  };
}

/** `$select=a,b` checked against the user's properties; undefined without $select. */
function parseUserSelect(raw: string | undefined): { select?: string[]; error?: GraphError } {
  const names = raw?.split(',').map((name) => name.trim()).filter(Boolean);
  if (!names?.length) return {};
  const unknown = names.find((name) => !SELECTABLE_USER_PROPERTIES.has(name));
  if (unknown) return { error: badRequest(`Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`) };
  return { select: names };
}

function page(graph: GraphState, directory: TenantDirectory, request: UsersDeltaRequest, id: string, offset: number): UsersDeltaAnswer {
  const snapshot = graph.listings.get(id) as Snapshot<ListingMeta>;
  const size = request.pageSize ?? snapshot.pageSize;
  const { select, deltaVersion = 0 } = snapshot.meta;
  const value = snapshot.items.slice(offset, offset + size).map((userId) => {
    const now = directory.current(userId);
    if (!now || now.removed) return { id: userId, '@removed': { reason: now?.removed ?? 'deleted' } };
    return userValue(now.user, select);
  });
  graph.counts.pagesServed += 1;
  const root = request.serviceRoot;
  const more = offset + size < snapshot.items.length;
  const link = more
    ? { '@odata.nextLink': `${root}${DELTA_PATH}?$skiptoken=${encodeToken({ s: id, o: offset + size })}` }
    : { '@odata.deltaLink': `${root}${DELTA_PATH}?$deltatoken=${encodeToken({ t: directory.tenantId, g: directory.generation, v: deltaVersion, ...(select ? { sel: select } : {}) })}` };
  return { ok: true, body: { '@odata.context': `${root}/$metadata#users`, ...link, value } };
}

/** A new round over `ids`: frozen as a snapshot, its first page served. */
function startRound(graph: GraphState, directory: TenantDirectory, request: UsersDeltaRequest, ids: string[], select: string[] | undefined) {
  const meta: ListingMeta = { tenantId: directory.tenantId, generation: directory.generation, deltaVersion: directory.version, path: DELTA_PATH, ...(select ? { select } : {}) };
  const id = graph.listings.create({ items: ids, pageSize: request.pageSize ?? DEFAULT_PAGE_SIZE, meta });
  return page(graph, directory, request, id, 0);
}

/**
 * GET /users/delta (user: delta; delta query overview): without a token, every current user (the initial
 * round); with `$skiptoken`, the next page of the round; with `$deltatoken`, the users changed since that
 * round ended (removed ones as `{ id, @removed: { reason } }`); `$deltatoken=latest`, only a deltaLink.
 */
export function usersDelta(graph: GraphState, request: UsersDeltaRequest): UsersDeltaAnswer {
  const directory = graph.directories.of(request.tenantId);
  const { $skiptoken: skipToken, $deltatoken: deltaToken } = request.query;
  const parsed = parseUserSelect(request.query['$select']);
  if (parsed.error) return { ok: false, error: parsed.error };
  if (skipToken !== undefined) {
    const state = decodeToken<{ s: string; o: number }>(skipToken);
    const snapshot = graph.listings.get(state?.s);
    const current = snapshot?.meta.tenantId === directory.tenantId && snapshot.meta.generation === directory.generation;
    if (!current || typeof state?.o !== 'number') return syncStateNotFound(request.serviceRoot, snapshot?.meta.select ?? parsed.select);
    return page(graph, directory, request, state.s as string, state.o);
  }
  if (deltaToken === 'latest') return startRound(graph, directory, request, [], parsed.select);
  if (deltaToken) {
    const state = decodeToken<DeltaToken>(deltaToken);
    const select = parsed.select ?? state?.sel;
    if (state?.t !== directory.tenantId || state.g !== directory.generation || typeof state.v !== 'number') {
      return syncStateNotFound(request.serviceRoot, select);
    }
    return startRound(graph, directory, request, directory.changedSince(state.v, select), select);
  }
  return startRound(graph, directory, request, directory.liveIds(), parsed.select);
}
