import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../../problem-details.filter.js';
import { CardBindingProcess, type BinderLimits } from './card-binding.process.js';

export interface CardBindingLimits extends BinderLimits {
  /** Binder processes, each binding one card at a time. */
  binders: number;
  /** Cards waiting for a binder; past that, and past `queueWaitMs` of waiting, 503. */
  queue: number;
  queueWaitMs: number;
}

/**
 * Two binders of 64 MB: an ordinary card binds in about a millisecond and well under a
 * megabyte, a 100 KB card (as large as Teams takes) in tens of milliseconds.
 */
export const CARD_BINDING_LIMITS: CardBindingLimits = { binders: 2, heapMb: 64, deadlineMs: 1_000, startTimeoutMs: 20_000, queue: 16, queueWaitMs: 2_000 };

/** What became of a card bound to its data. */
export type CardBinding = { kind: 'bound'; card: unknown } | { kind: 'too-large' } | { kind: 'failed'; message: string } | { kind: 'too-costly'; reason: string };

interface Slot {
  binder: CardBindingProcess | undefined;
  busy: boolean;
}

interface Job {
  request: { card: unknown; data: unknown; maxChars: number };
  resolve: (binding: CardBinding) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * Binds Adaptive Card templates to data outside the gateway's process, in a few binder
 * processes (card-binding.process.ts) with a small heap and a deadline each: no card can stall
 * the gateway's event loop or take its memory. A binder that dies or is killed is replaced.
 */
export class CardBinder implements OnModuleInit, OnApplicationShutdown {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(
    private readonly logger: Logger,
    private readonly limits: CardBindingLimits = CARD_BINDING_LIMITS,
  ) {
    this.slots = Array.from({ length: limits.binders }, () => ({ binder: undefined, busy: false }));
  }

  /** Starts every binder: a gateway whose binders cannot start (a broken install) does not start either. */
  async onModuleInit(): Promise<void> {
    try {
      await Promise.all(this.slots.map(async (slot) => (slot.binder = await this.startBinder())));
    } catch (error) {
      this.onApplicationShutdown();
      throw error;
    }
  }

  onApplicationShutdown(): void {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.refuse(job);
    for (const slot of this.slots) slot.binder?.stop();
  }

  /** `card` bound to `data`; throws 503 (Retry-After) while every binder is busy and the queue is full or too slow. */
  bind(card: unknown, data: unknown, options: { maxChars: number }): Promise<CardBinding> {
    if (this.closed || this.queue.length >= this.limits.queue) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const job: Job = { request: { card, data, maxChars: options.maxChars }, resolve, reject, timer: setTimeout(() => this.refuse(job), this.limits.queueWaitMs) };
      this.queue.push(job);
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || !slot.binder?.running || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      clearTimeout(job.timer);
      void this.run(slot, slot.binder, job);
    }
  }

  private async run(slot: Slot, binder: CardBindingProcess, job: Job): Promise<void> {
    slot.busy = true;
    const outcome = await binder.bind(job.request);
    slot.busy = false;
    if (outcome.kind === 'stopped' && this.closed) {
      job.reject(busy());
    } else if (outcome.kind === 'stopped') {
      this.logger.warn({ reason: outcome.reason, heapMb: this.limits.heapMb, deadlineMs: this.limits.deadlineMs }, 'a card binder was stopped binding a card; the card is refused');
      this.replace(slot, binder);
      job.resolve({ kind: 'too-costly', reason: outcome.reason });
    } else {
      job.resolve(outcome.kind === 'bound' ? { kind: 'bound', card: JSON.parse(outcome.json) as unknown } : outcome);
    }
    this.dispatch();
  }

  /** A binder that ended (killed at its deadline, out of heap, crashed) gives its slot to a new one. */
  private replace(slot: Slot, ended: CardBindingProcess): void {
    if (slot.binder !== ended) return;
    ended.stop();
    slot.binder = undefined;
    void this.refill(slot);
  }

  private async refill(slot: Slot): Promise<void> {
    while (!this.closed) {
      try {
        const binder = await this.startBinder();
        if (this.closed) return binder.stop();
        slot.binder = binder;
        return this.dispatch();
      } catch (error) {
        this.logger.error({ err: error }, 'a card binder could not start; trying again in 1 s');
        await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
      }
    }
  }

  private startBinder(): Promise<CardBindingProcess> {
    return CardBindingProcess.start(this.limits, (binder) => {
      const slot = this.slots.find((candidate) => candidate.binder === binder);
      // A busy binder's end is handled by its run().
      if (slot && !slot.busy) this.replace(slot, binder);
    });
  }

  private refuse(job: Job): void {
    clearTimeout(job.timer);
    const index = this.queue.indexOf(job);
    if (index >= 0) this.queue.splice(index, 1);
    job.reject(busy());
  }
}

function busy(): Problem {
  return new Problem(503, 'every card binder is busy; retry shortly', { 'retry-after': '1' });
}
