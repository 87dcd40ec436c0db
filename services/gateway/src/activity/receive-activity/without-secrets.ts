import type { ActivityReceived } from '@herald/contracts';

/** What each sign-in invoke carries that must not be kept: the SSO token, the sign-in code. */
const SECRET_FIELDS: Readonly<Record<string, string>> = { 'signin/tokenExchange': 'token', 'signin/verifyState': 'state' };

/**
 * The copy of an activity that is stored: a single sign-on token (`signin/tokenExchange`) lets
 * whoever holds it act as the person until it expires, and a sign-in code (`signin/verifyState`)
 * links an account; both go to the auth service in the request only, never into the replayable
 * INBOUND stream (nor any log line taken from it).
 */
export function withoutSecrets(message: ActivityReceived): ActivityReceived {
  const { activity } = message.data;
  const field = SECRET_FIELDS[activity.name ?? ''];
  if (!field || typeof activity.value !== 'object' || activity.value === null || !(field in activity.value)) return message;
  return { ...message, data: { ...message.data, activity: { ...activity, value: { ...activity.value, [field]: '[redacted]' } } } };
}
