import type { ActivityReceived } from '@herald/contracts';

/**
 * The copy of an activity that is stored: a single sign-on token (`signin/tokenExchange`) lets
 * whoever holds it act as the person until it expires, so it goes to the auth service in the
 * request only and never into the replayable INBOUND stream (nor any log line taken from it).
 */
export function withoutSecrets(message: ActivityReceived): ActivityReceived {
  const { activity } = message.data;
  if (activity.name !== 'signin/tokenExchange' || typeof activity.value !== 'object' || activity.value === null || !('token' in activity.value)) return message;
  return { ...message, data: { ...message.data, activity: { ...activity, value: { ...activity.value, token: '[redacted]' } } } };
}
