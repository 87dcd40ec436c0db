import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { accountRequestedSchema, deriveId, personOf, SUBJECTS, type AccountAnswer, type InboundActivity } from '@herald/contracts';
import type { SigninStates } from '@herald/bot-auth';
import { botTranslatorFor } from '@herald/i18n';
import { UserBook } from '../users/user-book.js';
import { oauthCard } from './oauth-card.js';

export const SIGNIN_SETTINGS = Symbol('SigninSettings');
export interface SigninSettings {
  readonly connectionName: string;
  readonly resourceUri: string;
  /** The OAuth fallback (the card's sign-in button), when this service is reachable by browsers. */
  readonly fallback?: { readonly publicUrl: string; readonly states: SigninStates };
}

/** `signin` (router → auth): who the person is signed in as, or the OAuth card to sign in with. */
@Controller()
export class AnswerSigninRequestHandler {
  constructor(
    @Inject(UserBook) private readonly users: UserBook,
    @Inject(SIGNIN_SETTINGS) private readonly settings: SigninSettings,
  ) {}

  @MessagePattern(SUBJECTS.signinRequest)
  async answer(@Payload() payload: unknown): Promise<AccountAnswer> {
    const request = accountRequestedSchema.parse(payload);
    const t = botTranslatorFor(request.data.activity);
    const linked = await this.users.linkOf(request.data.activity.from.id);
    if (linked) {
      return { activity: { type: 'message', textFormat: 'plain', text: t('signin.alreadySignedIn', { name: linked.displayName, upn: linked.upn }) } };
    }
    const { connectionName, resourceUri } = this.settings;
    const signInUrl = this.signInUrl(request.data.activity);
    return { activity: oauthCard({ connectionName, resourceUri, exchangeId: deriveId('TokenExchange', request.metadata.id), ...(signInUrl ? { signInUrl } : {}) }, t) };
  }

  /** `/auth/start` with a state naming this Teams user and conversation (signed, 10 minutes). */
  private signInUrl(activity: InboundActivity): string | undefined {
    const fallback = this.settings.fallback;
    const { tenantId } = personOf(activity);
    if (!fallback || !tenantId) return undefined;
    const starter = { teamsUserId: activity.from.id, ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}), conversationId: activity.conversation.id, tenantId };
    const state = fallback.states.sign(starter, new Date());
    return `${fallback.publicUrl}/auth/start?state=${encodeURIComponent(state)}`;
  }
}
