import { isTrustedServiceUrl } from '@herald/config';
import { AuthError } from '../auth-error.js';

/**
 * Rule 9: an Entra token carries no `serviceurl`, so the activity's serviceUrl must be on a trusted
 * host instead: the same rule the notifier applies before sending a token (@herald/config).
 */
export function checkTrustedServiceUrl(serviceUrl: string, patterns: readonly string[]): void {
  if (!isTrustedServiceUrl(serviceUrl, patterns)) {
    throw new AuthError(403, 'trusted-service-url', 'serviceUrl is not on a trusted host');
  }
}
