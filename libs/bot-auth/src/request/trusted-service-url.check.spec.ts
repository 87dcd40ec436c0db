import { describe, expect, it } from 'vitest';
import { checkTrustedServiceUrl } from './trusted-service-url.check.js';

const patterns = ['smba.trafficmanager.net', '*.teams.microsoft.us'];

describe('trusted-service-url check', () => {
  it.each([
    'https://smba.trafficmanager.net/amer/',
    'https://SMBA.trafficmanager.net/amer/',
    'https://smba.infra.gov.teams.microsoft.us/teams',
  ])('accepts %s', (serviceUrl) => {
    expect(() => checkTrustedServiceUrl(serviceUrl, patterns)).not.toThrow();
  });

  it('accepts http on a loopback host only when listed', () => {
    expect(() => checkTrustedServiceUrl('http://127.0.0.1:3978/', ['127.0.0.1'])).not.toThrow();
    expect(() => checkTrustedServiceUrl('http://127.0.0.1:3978/', patterns)).toThrow(expect.objectContaining({ status: 403 }));
  });

  it.each([
    ['an untrusted host', 'https://evil.example.com/'],
    ['plain http to a trusted host', 'http://smba.trafficmanager.net/amer/'],
    ['the wildcard base itself', 'https://teams.microsoft.us/'],
    ['a look-alike suffix', 'https://smba.trafficmanager.net.evil.example/'],
    ['not a URL', 'smba.trafficmanager.net'],
  ])('refuses %s with 403', (_name, serviceUrl) => {
    expect(() => checkTrustedServiceUrl(serviceUrl, patterns)).toThrow(
      expect.objectContaining({ status: 403, check: 'trusted-service-url' }),
    );
  });
});
