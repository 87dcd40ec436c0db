import { invokeResponseSchema, type ActivityReceived, type InvokeResponse } from '@herald/contracts';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { Problem } from '../../problem-details.filter.js';
import { invokeOwnerSubject } from './invoke-owner.js';

/** Teams waits 15 s at most; 4 s leaves room for its retry and our 503. */
export const INVOKE_BUDGET_MS = 4_000;
/** Card actions may wait on an integrating app (5 s of its own): 9 s, still well inside Teams' 15 s. */
export const CARD_ACTION_BUDGET_MS = 9_000;
/**
 * A token exchange may wait on Entra ID's keys, the on-behalf-of exchange and Graph (3 s each at
 * most), or on the same exchange from another device (10 s): 12 s, inside Teams' 15 s.
 */
export const TOKEN_EXCHANGE_BUDGET_MS = 12_000;

/** Asks the owning service for the invoke's answer (NATS request/reply); 503 when none comes in time. */
export async function answerInvoke(bus: MessageBus, logger: Logger, received: ActivityReceived): Promise<InvokeResponse> {
  const name = received.data.activity.name;
  const subject = invokeOwnerSubject(name);
  try {
    const budget = name === 'adaptiveCard/action' ? CARD_ACTION_BUDGET_MS : name === 'signin/tokenExchange' ? TOKEN_EXCHANGE_BUDGET_MS : INVOKE_BUDGET_MS;
    return invokeResponseSchema.parse(await bus.request(subject, received, budget));
  } catch (error) {
    logger.error({ err: error, invoke: name, owner: subject, activityId: received.data.activity.id }, `invoke ${name ?? '(unnamed)'} got no answer`);
    throw new Problem(503, `no answer to invoke ${name ?? '(unnamed)'} in time; retry later`, { 'retry-after': '1' });
  }
}
