import { invokeResponseSchema, type ActivityReceived, type InvokeResponse } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../../problem-details.filter.js';
import { invokeOwnerSubject } from './invoke-owner.js';

/** Teams waits 15 s at most; 4 s leaves room for its retry and our 503. */
export const INVOKE_BUDGET_MS = 4_000;
/**
 * Card actions may wait on an integrating app (5 s of its own), a token exchange on Entra ID and
 * Graph (5 s each at most, or on the same exchange from another device): 9 s, well inside Teams' 15 s.
 */
export const CARD_ACTION_BUDGET_MS = 9_000;
const LONG_INVOKES = new Set(['adaptiveCard/action', 'signin/tokenExchange']);

/** Asks the owning service for the invoke's answer (NATS request/reply); 503 when none comes in time. */
export async function answerInvoke(bus: MessageBus, logger: Logger, received: ActivityReceived): Promise<InvokeResponse> {
  const name = received.data.activity.name;
  const subject = invokeOwnerSubject(name);
  try {
    const budget = LONG_INVOKES.has(name ?? '') ? CARD_ACTION_BUDGET_MS : INVOKE_BUDGET_MS;
    return invokeResponseSchema.parse(await bus.request(subject, received, budget));
  } catch (error) {
    logger.error({ err: error, invoke: name, owner: subject, activityId: received.data.activity.id }, `invoke ${name ?? '(unnamed)'} got no answer`);
    throw new Problem(503, `no answer to invoke ${name ?? '(unnamed)'} in time; retry later`, { 'retry-after': '1' });
  }
}
