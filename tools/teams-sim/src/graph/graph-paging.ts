import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Graph's page sizes for directory collections: 100 unless asked for fewer or more, at most 999. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 999;

/**
 * The page size a request asks for: `Prefer: odata.maxpagesize=N` (answered with `Preference-Applied`), else
 * `$top` where the resource supports it, else `fallback`; capped at 999.
 */
export function requestedPageSize(request: FastifyRequest, reply: FastifyReply, fallback: number, top?: string): number {
  const prefer = String(request.headers['prefer'] ?? '');
  const asked = /(?:^|[,;\s])odata\.maxpagesize\s*=\s*(\d+)/i.exec(prefer)?.[1];
  if (asked !== undefined && Number(asked) > 0) {
    const size = Math.min(Number(asked), MAX_PAGE_SIZE);
    void reply.header('preference-applied', `odata.maxpagesize=${size}`);
    return size;
  }
  if (top !== undefined && /^\d+$/.test(top) && Number(top) > 0) return Math.min(Number(top), MAX_PAGE_SIZE);
  return fallback;
}

/** Opaque state tokens: base64url JSON, as Graph's tokens are opaque to clients. */
export const encodeToken = (state: object): string => Buffer.from(JSON.stringify(state)).toString('base64url');

export function decodeToken<T extends object>(token: string): Partial<T> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A listing frozen when its first page was served, so the later pages (and a replayed page) agree with it. */
export interface Snapshot<M> {
  readonly items: readonly string[];
  readonly pageSize: number;
  readonly meta: M;
}

/** How many listings stay resumable; the oldest is forgotten beyond (as Graph's state tokens expire). */
const MAX_SNAPSHOTS = 1_000;

/** The snapshots behind `$skiptoken`s; a skip token names a snapshot and an offset in it. */
export class Snapshots<M> {
  private readonly snapshots = new Map<string, Snapshot<M>>();

  create(snapshot: Snapshot<M>): string {
    const id = randomUUID();
    this.snapshots.set(id, snapshot);
    if (this.snapshots.size > MAX_SNAPSHOTS) this.snapshots.delete(this.snapshots.keys().next().value!);
    return id;
  }

  get(id: unknown): Snapshot<M> | undefined {
    return typeof id === 'string' ? this.snapshots.get(id) : undefined;
  }

  /** Forgets the snapshots `predicate` picks: their skip tokens are unknown from now on. */
  forget(predicate: (snapshot: Snapshot<M>) => boolean): void {
    for (const [id, snapshot] of this.snapshots) if (predicate(snapshot)) this.snapshots.delete(id);
  }
}
