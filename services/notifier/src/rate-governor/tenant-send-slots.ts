import { SUBJECTS } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';

/** interactive: answers to a person; broadcast: notifications; background: housekeeping that only takes slots nobody else wants. */
export type Priority = 'interactive' | 'broadcast' | 'background';

export interface TenantSendSlotsOptions {
  /** Sends per second per app per tenant that Teams allows (50). */
  perTenantPerSecond: number;
  /** Share of that rate Herald uses: a margin for timer jitter and the network (default 0.98). */
  utilisation?: number;
  /** How far ahead a broadcast may claim slots; interactive replies find a free slot within it (default 250 ms). */
  broadcastHorizonMs?: number;
}

/**
 * Teams' per-tenant rate limit, kept across every notifier replica. Time is cut into slots of
 * 1/rate seconds; a send first claims a slot by creating `notifier.rate.<tenant>.<slot>` in the
 * RATE_SLOTS stream (create fails when another replica has it), then waits for the slot's time.
 * Broadcast sends claim at most `broadcastHorizonMs` ahead, so an interactive reply — which takes
 * the earliest free slot — never waits longer than that behind a running broadcast.
 */
export class TenantSendSlots {
  private readonly intervalMs: number;
  private readonly horizonMs: number;
  private readonly next = new Map<string, number>();

  constructor(
    private readonly bus: MessageBus,
    options: TenantSendSlotsOptions,
  ) {
    this.intervalMs = 1_000 / (options.perTenantPerSecond * (options.utilisation ?? 0.98));
    this.horizonMs = options.broadcastHorizonMs ?? 250;
  }

  /** Resolves when this send may go (its slot's time has come). */
  async acquire(tenantId: string, priority: Priority): Promise<void> {
    const tenant = tenantId.replace(/[^A-Za-z0-9_-]/g, '_') || 'none';
    if (priority === 'interactive') return this.claimFirstFree(tenant, Math.ceil(Date.now() / this.intervalMs));
    if (priority === 'background') return this.claimIdle(tenant);
    for (;;) {
      const now = Date.now();
      const candidate = Math.max(Math.ceil(now / this.intervalMs), this.next.get(tenant) ?? 0);
      const wait = candidate * this.intervalMs - now;
      if (wait > this.horizonMs) {
        await sleep(wait - this.horizonMs);
        continue;
      }
      // Taken locally before the claim, so this replica's concurrent sends never race for one slot.
      this.next.set(tenant, candidate + 1);
      if (await this.claim(tenant, candidate)) return sleep(candidate * this.intervalMs - Date.now());
    }
  }

  /** Background work takes the very next slot only when no one claimed it (a running broadcast claims ahead, so it waits). */
  private async claimIdle(tenant: string): Promise<void> {
    for (;;) {
      const slot = Math.ceil(Date.now() / this.intervalMs);
      if (await this.claim(tenant, slot)) return sleep(slot * this.intervalMs - Date.now());
      await sleep(this.intervalMs * (1 + Math.random()));
    }
  }

  /** An interactive reply takes the first slot nobody holds, from now on. */
  private async claimFirstFree(tenant: string, from: number): Promise<void> {
    for (let slot = from; ; slot++) {
      if (await this.claim(tenant, slot)) return sleep(slot * this.intervalMs - Date.now());
    }
  }

  private claim(tenant: string, slot: number): Promise<boolean> {
    return this.bus.claim(`${SUBJECTS.rateSlots}.${tenant}.${slot}`);
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
