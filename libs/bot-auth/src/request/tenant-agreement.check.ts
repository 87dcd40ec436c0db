import { AuthError } from '../auth-error.js';
import type { AuthenticatedActivity } from './authenticated-activity.js';

/**
 * Rule 8: `conversation.tenantId` and `channelData.tenant.id` name the same tenant when both are
 * present (compared case-insensitively: tenant ids are GUIDs). Disagreement → 403, not 400: the
 * body parsed fine, but it cannot be attributed to one tenant, so it is not allowed in.
 * Returns the tenant id (lower-cased), or undefined when the activity names none.
 */
export function checkTenantAgreement(activity: AuthenticatedActivity): string | undefined {
  const fromConversation = activity.conversation?.tenantId?.toLowerCase();
  const fromChannelData = activity.channelData?.tenant?.id?.toLowerCase();
  if (fromConversation !== undefined && fromChannelData !== undefined && fromConversation !== fromChannelData) {
    throw new AuthError(403, 'tenant-agreement', 'conversation.tenantId and channelData.tenant.id disagree');
  }
  return fromConversation ?? fromChannelData;
}
