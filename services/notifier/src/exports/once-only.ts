import { RetryLaterError } from '@herald/messaging';
import type { FailureOutcome } from '../send-activity/delivery-outcome.js';
import type { OutboundSendsStore } from '../send-activity/outbound-sends.store.js';
import { MAX_SEND_ATTEMPTS } from '../send-activity/send-activity.consumer.js';

/** What a step of an export ended with: done (with Teams' activity id, when it gave one), or failed for good. */
export type StepResult = { done: true; activityId?: string } | { done: false; code: string };

/** One try of a side effect: done, or a classified failure (retry, failed, unknown). */
export type StepTry = { activityId?: string } | { failure: FailureOutcome };

/**
 * Side effects of an export (a card sent, a card updated, a file uploaded) done at most once,
 * guarded by a claim in `outbound_sends` under a key derived from the export: a redelivered
 * request or answer finds the step done and never repeats it, even across replicas. A step whose
 * outcome is unknown (its call left, no answer came) counts as done: a second card or upload is
 * worse than a missing one.
 */
export class OnceOnly {
  constructor(private readonly sends: OutboundSendsStore) {}

  async run(key: string, conversationId: string, step: () => Promise<StepTry>): Promise<StepResult> {
    const claim = await this.sends.claim(key, conversationId, new Date());
    if (claim.kind === 'finished') return claim.record.state === 'failed' ? { done: false, code: claim.record.code ?? 'Failed' } : { done: true, ...(claim.record.activityId ? { activityId: claim.record.activityId } : {}) };
    if (claim.kind === 'interrupted') {
      const heldMs = this.sends.stillHeldFor(claim.record, new Date());
      if (heldMs > 0) throw new RetryLaterError('an export step is in flight in another attempt', Math.min(Math.max(heldMs, 1_000), 5_000));
      await this.sends.record(key, { state: 'unknown', code: 'InterruptedInFlight' }, new Date());
      return { done: true };
    }
    const tried = await step();
    if (!('failure' in tried)) {
      await this.sends.record(key, { state: 'delivered', ...(tried.activityId ? { activityId: tried.activityId } : {}) }, new Date());
      return { done: true, ...(tried.activityId ? { activityId: tried.activityId } : {}) };
    }
    const { failure } = tried;
    if (failure.kind === 'retry' && claim.attempts < MAX_SEND_ATTEMPTS) {
      await this.sends.record(key, { state: 'retrying', code: failure.code }, new Date());
      throw new RetryLaterError(`an export step failed (${failure.code}); trying again`, failure.delayMs ?? 1_000 * 2 ** claim.attempts);
    }
    await this.sends.record(key, { state: failure.kind === 'unknown' ? 'unknown' : 'failed', code: failure.code }, new Date());
    return failure.kind === 'unknown' ? { done: true } : { done: false, code: failure.code };
  }
}
