import { badRequest, type GraphError } from './graph-errors.js';
import { decodeToken, DEFAULT_PAGE_SIZE, encodeToken } from './graph-paging.js';
import type { GraphState, ListingMeta } from './graph-state.js';

/** Renders one item of a listing by id; undefined leaves it out (it was removed since the snapshot). */
export type RenderItem = (id: string, select: readonly string[] | undefined) => Record<string, unknown> | undefined;

export interface ListingRequest {
  /** `${graphBaseUrl}/v1.0`. */
  readonly serviceRoot: string;
  /** `@odata.context` after `$metadata#`, e.g. `directoryObjects`. */
  readonly context: string;
  /** What this request asked for (Prefer: odata.maxpagesize, $top); else the listing's first page size, else 100. */
  readonly pageSize?: number;
  readonly render: RenderItem;
  /** Adds `@odata.count` (the whole listing's size), as `$count=true` asks. */
  readonly count?: boolean;
}

export type ListingAnswer = { ok: true; body: Record<string, unknown> } | { ok: false; error: GraphError };

/** One page of a snapshot: its items, and a nextLink with `$skiptoken` while more remain. */
export function listingPage(graph: GraphState, snapshotId: string, offset: number, request: ListingRequest): ListingAnswer {
  const snapshot = graph.listings.get(snapshotId);
  if (!snapshot) return { ok: false, error: badRequest('Invalid $skiptoken.', 'Request_BadRequest') };
  const { meta } = snapshot;
  const size = request.pageSize ?? snapshot.pageSize;
  const value = snapshot.items
    .slice(offset, offset + size)
    .flatMap((id) => request.render(id, meta.select) ?? []);
  graph.counts.pagesServed += 1;
  const more = offset + size < snapshot.items.length;
  const separator = meta.path.includes('?') ? '&' : '?';
  return {
    ok: true,
    body: {
      '@odata.context': `${request.serviceRoot}/$metadata#${request.context}`,
      ...(request.count ? { '@odata.count': snapshot.items.length } : {}),
      ...(more ? { '@odata.nextLink': `${request.serviceRoot}${meta.path}${separator}$skiptoken=${encodeToken({ s: snapshotId, o: offset + size })}` } : {}),
      value,
    },
  };
}

/** A listing's page: the one a `$skiptoken` names, else the first page of a new snapshot of `items()`. */
export function listing(
  graph: GraphState,
  skipToken: string | undefined,
  start: { items: () => string[]; meta: ListingMeta },
  request: ListingRequest,
): ListingAnswer {
  if (skipToken !== undefined) {
    const state = decodeToken<{ s: string; o: number }>(skipToken);
    const snapshot = graph.listings.get(state?.s);
    if (!snapshot || snapshot.meta.tenantId !== start.meta.tenantId || typeof state?.o !== 'number') {
      return { ok: false, error: badRequest('Invalid $skiptoken.', 'Request_BadRequest') };
    }
    return listingPage(graph, state.s as string, state.o, request);
  }
  const id = graph.listings.create({ items: start.items(), pageSize: request.pageSize ?? DEFAULT_PAGE_SIZE, meta: start.meta });
  return listingPage(graph, id, 0, request);
}
