import type { InboundActivity, InvokeResponse } from '@herald/contracts';

/**
 * The sign-in invokes other than the token exchange and the state to verify: a failure Teams
 * reports is acknowledged; anything else is not implemented (501).
 */
export function otherSigninAnswer(activity: InboundActivity): InvokeResponse {
  switch (activity.name) {
    case 'signin/failure':
      return { status: 200 };
    default:
      return { status: 501 };
  }
}
