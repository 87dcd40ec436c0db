import { deriveId, personOf, SUBJECTS, type ActivityReceived, type InvokeResponse } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';
import type { MessageBus } from '@herald/messaging';
import type { Logger } from '@herald/telemetry';
import { z } from 'zod';
import type { UserBook } from '../users/user-book.js';
import { chatMessage } from './chat-message.js';
import type { ExchangeOnce } from './exchange-once.js';
import type { GraphProfileClient } from './graph-profile.client.js';
import { UserTokenRefused, type UserTokenVerifier } from '@herald/bot-auth';

export interface TokenExchangeDeps {
  readonly verifier: UserTokenVerifier;
  readonly graph: GraphProfileClient;
  readonly users: UserBook;
  readonly once: ExchangeOnce;
  readonly bus: MessageBus;
  readonly logger: Logger;
}

const exchangeValueSchema = z.object({ id: z.string().min(1).max(256), connectionName: z.string().max(256).optional(), token: z.string().min(1).max(16_384) });

/**
 * `signin/tokenExchange`: the single sign-on token Teams got for the person is checked, traded on
 * their behalf for a Graph token, and their profile links the Teams user to their account; they
 * are told who they are signed in as. Any failure answers 412 with the reason, so Teams shows the
 * sign-in button instead. Done once per `value.id` across every replica (ExchangeOnce).
 */
export async function exchangeToken(received: ActivityReceived, deps: TokenExchangeDeps): Promise<InvokeResponse> {
  const { activity } = received.data;
  const parsed = exchangeValueSchema.safeParse(activity.value);
  if (!parsed.success) return { status: 400, body: { failureDetail: 'the token exchange names no id or token' } };
  const { id, connectionName, token } = parsed.data;
  const refused = (failureDetail: string): InvokeResponse => ({ status: 412, body: { id, connectionName, failureDetail } });
  return deps.once.run(
    { id, teamsUserId: activity.from.id },
    async () => {
      try {
        await signIn(received, token, id, deps);
        return { status: 200, body: { id, connectionName } };
      } catch (error) {
        if (error instanceof UserTokenRefused) {
          deps.logger.warn({ exchangeId: id, reason: error.message, activityId: activity.id }, 'single sign-on refused');
          return refused(error.message);
        }
        // Herald's own trouble (NATS, Postgres): Teams shows the sign-in button, which still works.
        deps.logger.error({ err: error, exchangeId: id, activityId: activity.id }, 'single sign-on could not be completed');
        return refused('Herald could not complete single sign-on just now');
      }
    },
    () => refused('the same sign-in did not complete on another device'),
  );
}

async function signIn(received: ActivityReceived, token: string, exchangeId: string, deps: TokenExchangeDeps): Promise<void> {
  const { activity } = received.data;
  const identity = await deps.verifier.verifyInConversation(token, personOf(activity).tenantId);
  if (activity.from.aadObjectId && activity.from.aadObjectId.toLowerCase() !== identity.aadObjectId.toLowerCase()) {
    throw new UserTokenRefused('the token is of another person than the one signing in');
  }
  const profile = await deps.graph.profileOf(token, identity.tenantId);
  if (profile.id.toLowerCase() !== identity.aadObjectId.toLowerCase()) throw new UserTokenRefused('Microsoft Graph named another person than the token');
  const account = { teamsUserId: activity.from.id, tenantId: identity.tenantId, aadObjectId: profile.id, upn: profile.userPrincipalName, displayName: profile.displayName, method: 'sso' as const };
  await deps.users.signIn(account, { id: deriveId('SignInUser', exchangeId), now: new Date() });
  await deps.bus.publish(SUBJECTS.sendActivity, chatMessage(received, botTranslatorFor(activity)('signin.signedIn', { name: profile.displayName, upn: profile.userPrincipalName }), exchangeId));
  deps.logger.info({ exchangeId, activityId: activity.id, method: 'sso' }, 'signed in');
}
