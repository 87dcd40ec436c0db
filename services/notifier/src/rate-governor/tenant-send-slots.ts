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
 * the earliest free slot — never waits longer than that behind a running broadcast. Every wait is
 * bounded by the caller (`maxWaitMs`): past it, `acquire` gives up and the send is rescheduled
 * instead of holding its message. A 429 pauses the tenant on every replica until its Retry-After.
 */
export class TenantSendSlots {
  private readonly intervalMs: number;
  private readonly horizonMs: number;
  private readonly next = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(
    private readonly bus: MessageBus,
    options: TenantSendSlotsOptions,
  ) {
    this.intervalMs = 1_000 / (options.perTenantPerSecond * (options.utilisation ?? 0.98));
    this.horizonMs = options.broadcastHorizonMs ?? 250;
    // Pauses other replicas announce (core NATS: a replica that misses one meets the 429 itself).
    bus.connection.subscribe(bus.names.subject(SUBJECTS.ratePause), {
      callback: (error, message) => {
        if (error) return;
        const pause = message.json<{ tenant?: unknown; untilMs?: unknown }>();
        if (typeof pause.tenant === 'string' && typeof pause.untilMs === 'number') this.pauseUntil(pause.tenant, pause.untilMs);
      },
    });
  }

  /** Resolves true when this send may go (its slot's time has come), false when no slot could be had within `maxWaitMs`. */
  async acquire(tenantId: string, priority: Priority, maxWaitMs = 5_000): Promise<boolean> {
    const tenant = tokenOf(tenantId);
    const deadline = Date.now() + maxWaitMs;
    if (priority === 'interactive') return this.claimFirstFree(tenant, deadline);
    if (priority === 'background') return this.claimIdle(tenant, deadline);
    for (;;) {
      const now = this.earliest(tenant);
      const candidate = Math.max(Math.ceil(now / this.intervalMs), this.next.get(tenant) ?? 0);
      const at = candidate * this.intervalMs;
      if (at > deadline) return false;
      if (at - Date.now() > this.horizonMs) {
        await sleep(at - Date.now() - this.horizonMs);
        continue;
      }
      // Taken locally before the claim, so this replica's concurrent sends never race for one slot.
      this.next.set(tenant, candidate + 1);
      if (await this.claim(tenant, candidate)) return sleep(at - Date.now()).then(() => true);
    }
  }

  /** Teams answered 429: no send for this tenant starts on any replica before `retryAfterMs` from now. */
  pause(tenantId: string, retryAfterMs: number): void {
    const tenant = tokenOf(tenantId);
    const untilMs = Date.now() + retryAfterMs;
    this.pauseUntil(tenant, untilMs);
    this.bus.connection.publish(this.bus.names.subject(SUBJECTS.ratePause), JSON.stringify({ tenant, untilMs }));
  }

  /** How long the tenant is still paused after a 429 (0: not paused). */
  pausedFor(tenantId: string): number {
    return Math.max(0, (this.pausedUntil.get(tokenOf(tenantId)) ?? 0) - Date.now());
  }

  private pauseUntil(tenant: string, untilMs: number): void {
    this.pausedUntil.set(tenant, Math.max(this.pausedUntil.get(tenant) ?? 0, untilMs));
  }

  /** Background work takes the very next slot only when no one claimed it (a running broadcast claims ahead, so it waits). */
  private async claimIdle(tenant: string, deadline: number): Promise<boolean> {
    for (;;) {
      const slot = Math.ceil(this.earliest(tenant) / this.intervalMs);
      if (slot * this.intervalMs > deadline) return false;
      if (await this.claim(tenant, slot)) return sleep(slot * this.intervalMs - Date.now()).then(() => true);
      await sleep(this.intervalMs * (1 + Math.random()));
    }
  }

  /** An interactive reply takes the first slot nobody holds, from now on. */
  private async claimFirstFree(tenant: string, deadline: number): Promise<boolean> {
    for (let slot = Math.ceil(this.earliest(tenant) / this.intervalMs); slot * this.intervalMs <= deadline; slot++) {
      if (await this.claim(tenant, slot)) return sleep(slot * this.intervalMs - Date.now()).then(() => true);
    }
    return false;
  }

  /** Now, or the end of the tenant's pause after a 429. */
  private earliest(tenant: string): number {
    return Math.max(Date.now(), this.pausedUntil.get(tenant) ?? 0);
  }

  private claim(tenant: string, slot: number): Promise<boolean> {
    return this.bus.claim(`${SUBJECTS.rateSlots}.${tenant}.${slot}`);
  }
}

function tokenOf(tenantId: string): string {
  return tenantId.replace(/[^A-Za-z0-9_-]/g, '_') || 'none';
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
