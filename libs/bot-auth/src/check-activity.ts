import type { InboundTokenOptions } from './inbound-token.options.js';
import { checkAllowedTenant } from './request/allowed-tenant.check.js';
import type { AuthenticatedActivity } from './request/authenticated-activity.js';
import { checkEndorsement } from './request/endorsement.check.js';
import { checkServiceUrlClaim } from './request/service-url.check.js';
import { checkTeamsChannel } from './request/teams-channel.check.js';
import { checkTenantAgreement } from './request/tenant-agreement.check.js';
import { checkTokenTenant } from './request/token-tenant.check.js';
import { checkTrustedServiceUrl } from './request/trusted-service-url.check.js';
import type { VerifiedToken } from './verify-token.js';

type ActivityRules = Pick<InboundTokenOptions, 'trustedServiceUrlHosts' | 'allowedTenantIds'>;

/**
 * Rules 6–9's body part, run on every request (also for a cached token): a verified caller may
 * still be forbidden (403) from sending this activity. Returns the activity's tenant id.
 */
export function checkActivity(
  token: VerifiedToken,
  activity: AuthenticatedActivity,
  rules: ActivityRules,
): string | undefined {
  checkTeamsChannel(activity.channelId);
  if (token.path === 'channel') {
    checkEndorsement(token.endorsements, activity.channelId);
    checkServiceUrlClaim(token.claims, activity.serviceUrl);
  } else {
    checkTrustedServiceUrl(activity.serviceUrl, rules.trustedServiceUrlHosts);
    if (token.claims['serviceurl'] !== undefined) checkServiceUrlClaim(token.claims, activity.serviceUrl);
  }
  const tenantId = checkTenantAgreement(activity);
  if (token.path === 'entra') checkTokenTenant(token.claims, tenantId);
  checkAllowedTenant(tenantId, rules.allowedTenantIds);
  return tenantId;
}
