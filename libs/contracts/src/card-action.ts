import type { InboundActivity } from './activity.js';

/**
 * What a card action carries, wherever it is read (router, auth, notifier): Action.Execute's
 * `value.action.data` (the inputs merged in) in an `adaptiveCard/action` invoke, or Action.Submit's
 * `value` in a message.
 */
export function cardDataOf(activity: InboundActivity): Record<string, unknown> {
  const value = activity.value as { action?: { data?: unknown } } | undefined;
  const data = activity.type === 'invoke' ? value?.action?.data : value;
  return data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

/** The verb of a card action: `value.action.verb` (Action.Execute) or `value.verb` (Action.Submit). */
export function cardVerbOf(activity: InboundActivity): string | undefined {
  const value = activity.value as { verb?: unknown; action?: { verb?: unknown } } | undefined;
  const verb = value?.action?.verb ?? value?.verb;
  return typeof verb === 'string' ? verb : undefined;
}
