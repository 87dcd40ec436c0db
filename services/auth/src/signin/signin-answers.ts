import type { InboundActivity, InvokeResponse } from '@herald/contracts';

/**
 * Sign-in invokes, until sign-in is configured (a later issue): a failed SSO token exchange is
 * answered 412 so Teams falls back to the sign-in button; a state to verify finds no pending
 * sign-in (404, as botbuilder's OAuthPrompt answers when it gets no token).
 */
export function signinAnswer(activity: InboundActivity): InvokeResponse {
  switch (activity.name) {
    case 'signin/tokenExchange': {
      const value = (activity.value ?? {}) as { id?: string; connectionName?: string };
      return { status: 412, body: { id: value.id, connectionName: value.connectionName, failureDetail: 'Single sign-on is not set up for Herald yet.' } };
    }
    case 'signin/verifyState':
      return { status: 404 };
    case 'signin/failure':
      return { status: 200 };
    default:
      return { status: 501 };
  }
}
