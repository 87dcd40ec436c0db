import { SUBJECTS, type DirectoryEvent, type SyncDirectoryAnswer } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { GraphError, type GraphClient } from '@herald/graph-client';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { changesOfPage, removedEvent, USERS_DELTA_PATH, type DeltaUser } from './directory-changes.js';
import type { DirectorySyncState, SyncPosition } from './directory-sync-state.js';

const PUBLISH_CHUNK = 500;

export interface DirectorySyncDeps {
  state: DirectorySyncState;
  bus: MessageBus;
  graphOf: (tenantId: string) => GraphClient;
  logger: Logger;
}

/** An expired delta or skip token: Graph wants the tenant synced again from scratch. */
export function isExpiredToken(error: unknown): boolean {
  return error instanceof GraphError && (error.status === 410 || error.code === 'syncStateNotFound' || error.code === 'resyncRequired');
}

/**
 * Syncs a tenant's directory from `users/delta`: one replica at a time (the lease in
 * directory_sync_state), resuming from the checkpointed link; each page's changed users are
 * published, then the page's link is checkpointed. An expired token starts a full resync, which
 * removes at its end whoever it did not list.
 */
export class DirectorySync {
  private stopped = false;
  private readonly running = new Map<string, Promise<SyncDirectoryAnswer>>();

  constructor(private readonly deps: DirectorySyncDeps) {}

  /** Runs a sync of the tenant to its deltaLink; `running` at once when one is already under way here or on another replica. */
  sync(tenantId: string): Promise<SyncDirectoryAnswer> {
    if (this.running.has(tenantId) || this.stopped) return Promise.resolve({ status: 'running', upserted: 0, removed: 0, pages: 0 });
    const run = this.claimed(tenantId).finally(() => this.running.delete(tenantId));
    this.running.set(tenantId, run);
    return run;
  }

  /** Stops every sync after its current page (whose checkpoint is then stored). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.running.values());
  }

  private async claimed(tenantId: string): Promise<SyncDirectoryAnswer> {
    const position = await this.deps.state.claim(tenantId);
    if (!position) return { status: 'running', upserted: 0, removed: 0, pages: 0 };
    try {
      const outcome: SyncDirectoryAnswer = { status: 'synced', upserted: 0, removed: 0, pages: 0 };
      try {
        await this.round(tenantId, position, outcome);
      } catch (error) {
        if (!isExpiredToken(error)) throw error;
        this.deps.logger.warn({ tenantId, code: (error as GraphError).code }, 'delta token expired; full resync of the directory');
        await this.round(tenantId, { link: null, round: position.round + 1, full: true }, outcome);
      }
      this.deps.logger.info({ tenantId, ...outcome }, 'directory synced');
      return outcome;
    } finally {
      await this.deps.state.release(tenantId).catch(() => undefined);
    }
  }

  /** Pages from `start` to the deltaLink (or until stopped), each published then checkpointed. */
  private async round(tenantId: string, start: SyncPosition, outcome: SyncDirectoryAnswer): Promise<void> {
    let position = start;
    for await (const page of this.deps.graphOf(tenantId).pages<DeltaUser>(position.link ?? USERS_DELTA_PATH)) {
      const now = new Date();
      const known = await this.deps.state.known(tenantId, page.value.map((user) => user.id));
      const changes = changesOfPage({ tenantId, round: position.round, users: page.value, known, now });
      let next: SyncPosition = { ...position, link: page.nextLink ?? null };
      if (page.deltaLink !== undefined) {
        if (position.full) {
          const listed = new Set(changes.seen.map((each) => each.userId));
          const gone = (await this.deps.state.unseen(tenantId, position.round)).filter((id) => !listed.has(id));
          changes.removed.push(...gone);
          changes.events.push(...gone.map((id) => removedEvent({ tenantId, round: position.round, now }, id, 'resync')));
        }
        next = { link: page.deltaLink, round: position.round + 1, full: false };
      }
      await this.publish(changes.events);
      if (!(await this.deps.state.commit(tenantId, position.round, { position: next, seen: changes.seen, removed: changes.removed }))) {
        throw new Error(`directory sync of ${tenantId}: lease lost to another replica`);
      }
      outcome.pages += 1;
      outcome.removed += changes.removed.length;
      outcome.upserted += changes.events.length - changes.removed.length;
      position = next;
      if (this.stopped && page.nextLink !== undefined) {
        outcome.status = 'stopped';
        return;
      }
    }
  }

  /** Publishes in parallel chunks; msgIDs (derived event ids) make a repeat of the same page store nothing. */
  private async publish(events: readonly DirectoryEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += PUBLISH_CHUNK) {
      await Promise.all(
        events.slice(i, i + PUBLISH_CHUNK).map((event) =>
          this.deps.bus.publish(SUBJECTS.directoryUser(subjectToken(event.data.tenantId), subjectToken(event.data.userId)), event, { msgID: event.metadata.id }),
        ),
      );
    }
  }
}
