import { AuthError } from '../auth-error.js';

/**
 * Rule 9: an Entra token carries no `serviceurl`, so the activity's serviceUrl must be on a trusted
 * host instead (same rules as connector-client's isTrustedServiceUrl: https, or http on loopback;
 * `*.example.com` matches sub-domains, never example.com itself).
 */
export function checkTrustedServiceUrl(serviceUrl: string, patterns: readonly string[]): void {
  if (!isTrustedServiceUrl(serviceUrl, patterns)) {
    throw new AuthError(403, 'trusted-service-url', 'serviceUrl is not on a trusted host');
  }
}

export function isTrustedServiceUrl(serviceUrl: string, patterns: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return false;
  return patterns.some((raw) => hostMatches(host, raw.trim().toLowerCase()));
}

function hostMatches(host: string, pattern: string): boolean {
  if (!pattern.startsWith('*.')) return host === pattern;
  const suffix = pattern.slice(1);
  return host.endsWith(suffix) && host.length > suffix.length;
}
