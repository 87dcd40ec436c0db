import { deriveId, SUBJECTS, type ActivityReceived, type InboundActivity } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import type { UserBook } from '../users/user-book.js';
import { chatMessage } from './chat-message.js';
import type { SigninCodes } from './signin-codes.js';

export interface RedeemCodeDeps {
  readonly codes: SigninCodes;
  readonly users: UserBook;
  readonly bus: MessageBus;
  readonly logger: Logger;
}

export type CodeOutcome = { ok: true; text: string } | { ok: false; text: string };

/**
 * The OAuth fallback's last step: the code the sign-in page gave (sent by Teams as
 * `signin/verifyState`, or typed by the person) links the Teams user who started the sign-in to
 * the account they signed in with. The code is theirs only, once, for 5 minutes.
 */
export async function redeemCode(activity: InboundActivity, code: string, deps: RedeemCodeDeps): Promise<CodeOutcome> {
  const t = botTranslatorFor(activity);
  if (!/^\d{6}$/.test(code)) return { ok: false, text: t('signin.code.sixDigits') };
  const redeemed = await deps.codes.redeem(activity.from.id, code, new Date());
  if (!redeemed.ok) {
    deps.logger.warn({ activityId: activity.id, reason: redeemed.reason }, 'sign-in code refused');
    return { ok: false, text: t(redeemed.message) };
  }
  const { account } = redeemed;
  if (activity.from.aadObjectId && activity.from.aadObjectId.toLowerCase() !== account.aadObjectId.toLowerCase()) {
    deps.logger.warn({ activityId: activity.id }, 'sign-in code of another account than the Teams user');
    return { ok: false, text: t('signin.code.otherAccount') };
  }
  await deps.users.signIn({ teamsUserId: activity.from.id, ...account, method: 'oauth' }, { id: deriveId('SignInUser', redeemed.codeToken), now: new Date() });
  deps.logger.info({ activityId: activity.id, method: 'oauth' }, 'signed in');
  return { ok: true, text: t('signin.signedIn', { name: account.displayName, upn: account.upn }) };
}

/**
 * `signin/verifyState`: Teams relays what the sign-in page passed to notifySuccess; the outcome is
 * said in the chat. A code that links nobody is 404, as botbuilder's OAuthPrompt answers a state
 * that yields no token.
 */
export async function verifyState(received: ActivityReceived, deps: RedeemCodeDeps): Promise<{ status: number; body?: unknown }> {
  const { activity } = received.data;
  const state = (activity.value as { state?: unknown } | undefined)?.state;
  const outcome = await redeemCode(activity, typeof state === 'string' ? state.trim() : '', deps);
  await deps.bus.publish(SUBJECTS.sendActivity, chatMessage(received, outcome.text, `verifyState:${activity.id ?? ''}:${String(state)}`));
  return outcome.ok ? { status: 200 } : { status: 404, body: { failureDetail: outcome.text } };
}
