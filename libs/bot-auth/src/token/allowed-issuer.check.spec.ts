import { UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { routeForIssuer } from './allowed-issuer.check.js';

const routes = [
  { path: 'channel', issuers: ['https://api.botframework.com'] },
  { path: 'entra', issuers: ['https://login.microsoftonline.com/t/v2.0', 'https://sts.windows.net/t/'] },
] as const;

const token = (claims: Record<string, unknown>) => new UnsecuredJWT(claims).encode();

describe('allowed-issuer check', () => {
  it('picks the route whose issuers include the token iss', () => {
    expect(routeForIssuer(token({ iss: 'https://api.botframework.com' }), routes).path).toBe('channel');
    expect(routeForIssuer(token({ iss: 'https://sts.windows.net/t/' }), routes).path).toBe('entra');
  });

  it.each([
    ['an unknown issuer', { iss: 'https://evil.example.com' }],
    ['an issuer differing only in case', { iss: 'https://API.botframework.com' }],
    ['an issuer with a trailing slash added', { iss: 'https://api.botframework.com/' }],
    ['no issuer', {}],
    ['a non-string issuer', { iss: 42 }],
  ])('refuses %s with 401 before any key work', (_name, claims) => {
    expect(() => routeForIssuer(token(claims), routes)).toThrow(expect.objectContaining({ status: 401, check: 'allowed-issuer' }));
  });

  it('refuses a token that is not a JWT', () => {
    expect(() => routeForIssuer('not.a.jwt', routes)).toThrow(expect.objectContaining({ status: 401, check: 'allowed-issuer' }));
  });
});
