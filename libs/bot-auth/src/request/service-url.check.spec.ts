import { describe, expect, it } from 'vitest';
import { checkServiceUrlClaim, sameServiceUrl } from './service-url.check.js';

const URL_A = 'https://smba.trafficmanager.net/amer/';

describe('service-url check', () => {
  it.each([
    ['identical', URL_A],
    ['differing only by the trailing slash', 'https://smba.trafficmanager.net/amer'],
    ['differing only in host case', 'https://SMBA.TrafficManager.net/amer/'],
    ['with the default port spelled out', 'https://smba.trafficmanager.net:443/amer/'],
  ])('accepts a claim %s', (_name, activityUrl) => {
    expect(() => checkServiceUrlClaim({ serviceurl: URL_A }, activityUrl)).not.toThrow();
  });

  it.each([
    ['another host', 'https://evil.example.com/amer/'],
    ['another path', 'https://smba.trafficmanager.net/emea/'],
    ['a path differing in case', 'https://smba.trafficmanager.net/AMER/'],
    ['another scheme', 'http://smba.trafficmanager.net/amer/'],
    ['another port', 'https://smba.trafficmanager.net:8443/amer/'],
    ['a host that merely starts with the right one', 'https://smba.trafficmanager.net.evil.example/amer/'],
    ['not a URL', 'smba.trafficmanager.net/amer/'],
  ])('refuses %s with 403', (_name, activityUrl) => {
    expect(() => checkServiceUrlClaim({ serviceurl: URL_A }, activityUrl)).toThrow(
      expect.objectContaining({ status: 403, check: 'service-url' }),
    );
  });

  it.each([
    ['a missing claim', {}],
    ['a non-string claim', { serviceurl: 1 }],
    ['the claim under another name (serviceUrl)', { serviceUrl: URL_A }],
  ])('refuses %s with 403', (_name, claims) => {
    expect(() => checkServiceUrlClaim(claims, URL_A)).toThrow(expect.objectContaining({ status: 403, check: 'service-url' }));
  });

  it('never treats two unparseable values as the same', () => {
    expect(sameServiceUrl('nonsense', 'nonsense')).toBe(false);
  });
});
