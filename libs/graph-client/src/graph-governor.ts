import { SUBJECTS } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';

/** Graph calls with a rate limit of their own: `install` = installing the app for a user (Teams: 30/s per tenant, 300/s per app). */
export type GraphCallKind = 'install';

export interface GraphGovernorOptions {
  /** GRAPH_INSTALLS_PER_TENANT_PER_SECOND (30). */
  installsPerTenantPerSecond: number;
  /** GRAPH_INSTALLS_PER_SECOND (300), across all tenants. */
  installsPerSecond: number;
}

/** Share of each limit used: what leaves room for a call that starts up to MAX_LATE_MS after its slots (see the class). */
const UTILISATION = 0.96;
/** A call may start at most this long after the earlier of its two slots: ≤ 1000/UTILISATION − 1000 (41.7 ms) keeps every 1-second window within both limits. */
const MAX_LATE_MS = 38;
/** The slot of all tenants is looked for this close to the tenant slot (either side), leaving the rest of MAX_LATE_MS for timer delays. */
const PAIRING_MS = 28;

/**
 * Graph's Teams limits across every replica. Time is cut into slots of 1/(rate × 0.96) s, one grid
 * per tenant (shifted by the tenant's hash, so tenants do not all want the same instants) and one
 * for all tenants. A call claims a tenant slot, then a slot of all tenants within 28 ms of it,
 * each by creating `graph.rate.…` in the GRAPH_SLOTS memory stream (the create fails when any
 * replica has it), and starts at the later of the two. A call that would start more than 38 ms
 * after the earlier one gives both up and claims others. So every slot is used once, never before
 * its time and never more than 38 ms after it, and a 1-second window can hold at most
 * ⌈(1000 + 38) / slot⌉ ≤ limit calls of either grid. Replicas' clocks must agree (NTP) within
 * that margin. Every wait is bounded by the caller's `maxWaitMs`. After a 429, `pause` holds the
 * tenant's calls of that kind back on every replica until its Retry-After.
 */
export class GraphGovernor {
  private readonly next = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    private readonly bus: MessageBus,
    private readonly options: GraphGovernorOptions,
  ) {
    // Pauses other replicas announce (core NATS: a replica that misses one meets the 429 itself).
    bus.connection.subscribe(bus.names.subject(SUBJECTS.graphPause), {
      callback: (error, message) => {
        if (error) return;
        const pause = message.json<{ key?: unknown; untilMs?: unknown }>();
        if (typeof pause.key === 'string' && typeof pause.untilMs === 'number') this.pauseUntil(pause.key, pause.untilMs);
      },
    });
  }

  /** Graph answered 429 to a `kind` call for the tenant: no such call starts on any replica before `retryAfterMs` from now. */
  pause(kind: GraphCallKind, tenantId: string, retryAfterMs: number): void {
    const key = `${kind}.${tokenOf(tenantId)}`;
    const untilMs = Date.now() + retryAfterMs;
    this.pauseUntil(key, untilMs);
    this.bus.connection.publish(this.bus.names.subject(SUBJECTS.graphPause), JSON.stringify({ key, untilMs }));
  }

  private pauseUntil(key: string, untilMs: number): void {
    this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, untilMs));
  }

  /** True when the call may start now; false when no slot could be had within `maxWaitMs`. */
  async acquire(kind: GraphCallKind, tenantId: string, maxWaitMs = 5_000): Promise<boolean> {
    const tenant = tokenOf(tenantId);
    const { perTenantMs, allMs } = this.intervals(kind);
    const phase = phaseOf(tenant);
    const deadline = Date.now() + maxWaitMs;
    for (;;) {
      const earliest = Math.max(Date.now(), this.pausedUntil.get(`${kind}.${tenant}`) ?? 0);
      const slot = Math.max(Math.ceil(earliest / perTenantMs - phase), this.next.get(tenant) ?? 0);
      const at = (slot + phase) * perTenantMs;
      if (at > deadline) return false;
      // Taken locally before the claim, so this replica's concurrent calls never race for one slot.
      this.next.set(tenant, slot + 1);
      if (!(await this.claim(`${kind}.tenant.${tenant}.${slot}`))) continue;
      const inAll = await this.claimInAll(kind, at, allMs);
      if (inAll === undefined) continue;
      await sleepUntil(Math.max(at, inAll));
      if (Date.now() <= Math.min(at, inAll) + MAX_LATE_MS) return true;
    }
  }

  /** The time of a slot of all tenants within PAIRING_MS of `at` this call now holds, or undefined when all are taken. */
  private async claimInAll(kind: GraphCallKind, at: number, allMs: number): Promise<number | undefined> {
    for (let slot = Math.ceil((at - PAIRING_MS) / allMs); slot * allMs <= at + PAIRING_MS; slot++) {
      if (await this.claim(`${kind}.all.${slot}`)) return slot * allMs;
    }
    return undefined;
  }

  private intervals(kind: GraphCallKind): { perTenantMs: number; allMs: number } {
    switch (kind) {
      case 'install':
        return {
          perTenantMs: 1_000 / (this.options.installsPerTenantPerSecond * UTILISATION),
          allMs: 1_000 / (this.options.installsPerSecond * UTILISATION),
        };
      default:
        return assertNever(kind);
    }
  }

  private claim(relative: string): Promise<boolean> {
    return this.bus.claim(`${SUBJECTS.graphSlots}.${relative}`);
  }
}

function tokenOf(tenantId: string): string {
  return tenantId.replace(/[^A-Za-z0-9_-]/g, '_') || 'none';
}

/** A fraction in [0, 1) from the tenant token (FNV-1a), the same on every replica. */
function phaseOf(tenant: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < tenant.length; i++) hash = Math.imul(hash ^ tenant.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 2 ** 32;
}

async function sleepUntil(at: number): Promise<void> {
  // setTimeout may fire a millisecond early against Date.now(): never start before the slot.
  while (Date.now() < at) await new Promise((resolve) => setTimeout(resolve, Math.max(1, at - Date.now())));
}

function assertNever(value: never): never {
  throw new Error(`unknown Graph call kind: ${String(value)}`);
}
