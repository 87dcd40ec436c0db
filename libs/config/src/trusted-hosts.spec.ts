import { describe, expect, it } from 'vitest';
import { MICROSOFT_SERVICE_URL_HOSTS } from './env.js';
import { isTrustedServiceUrl } from './trusted-hosts.js';

describe('isTrustedServiceUrl', () => {
  it("trusts Microsoft's Teams Bot Connector hosts, in every region form", () => {
    for (const url of ['https://smba.trafficmanager.net/amer/', 'https://smba.trafficmanager.net/amer/f5ffd8cf-a1aa-4242-adad-86509faa3be5/', 'https://SMBA.trafficmanager.net/emea/']) {
      expect(isTrustedServiceUrl(url, MICROSOFT_SERVICE_URL_HOSTS)).toBe(true);
    }
  });

  it('refuses other hosts, look-alikes, plain http off loopback and garbage', () => {
    expect(isTrustedServiceUrl('https://evil.example.com/amer/', MICROSOFT_SERVICE_URL_HOSTS)).toBe(false);
    expect(isTrustedServiceUrl('https://smba.trafficmanager.net.evil.com/', MICROSOFT_SERVICE_URL_HOSTS)).toBe(false);
    expect(isTrustedServiceUrl('http://smba.trafficmanager.net/amer/', MICROSOFT_SERVICE_URL_HOSTS)).toBe(false);
    expect(isTrustedServiceUrl('not a url', MICROSOFT_SERVICE_URL_HOSTS)).toBe(false);
  });

  it('matches `*.example.com` on sub-domains only, and plain http on loopback', () => {
    expect(isTrustedServiceUrl('https://a.example.com/', ['*.example.com'])).toBe(true);
    expect(isTrustedServiceUrl('https://example.com/', ['*.example.com'])).toBe(false);
    expect(isTrustedServiceUrl('http://127.0.0.1:3990/', ['127.0.0.1'])).toBe(true);
  });
});
