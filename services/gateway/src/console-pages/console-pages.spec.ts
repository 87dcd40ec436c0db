import { parseConfig } from '@herald/config';
import { describe, expect, it } from 'vitest';
import { gatewayConfigSchema } from '../gateway.config.js';
import { consoleContentSecurityPolicy, contentTypeOf } from './console-headers.js';

describe("the console's Content-Security-Policy", () => {
  const csp = consoleContentSecurityPolicy(["'self'", 'https://teams.microsoft.com']);

  it('runs only its own scripts and talks only to its own API (and, in Teams, the TeamsJS host list)', () => {
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self' https://res.cdn.office.net;");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it('may be framed only by the given ancestors', () => {
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/teams\.microsoft\.com$/);
  });
});

describe("the console's pages in the gateway config", () => {
  it('dev mode: the sign-in page of the auth service on its default port, and the sim may frame the console', () => {
    const config = parseConfig(gatewayConfigSchema, { TEAMS_SIM_URL: 'http://127.0.0.1:3990/' });
    expect(config.consolePages).toEqual({
      authSignInUrl: 'http://127.0.0.1:3979/auth/console/signin',
      frameAncestors: ["'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.office.com', 'https://*.cloud.microsoft', 'http://127.0.0.1:3990'],
      teamsHostOrigins: ['http://127.0.0.1:3990'],
    });
  });

  it('production: AUTH_PUBLIC_URL names the sign-in page; only Teams frames the console', () => {
    const env = { MICROSOFT_APP_ID: 'a1b2c3d4-0000-4000-8000-000000000001', MICROSOFT_APP_PASSWORD: 'secret', AUTH_PUBLIC_URL: 'https://herald.contoso.example/' };
    const config = parseConfig(gatewayConfigSchema, env);
    expect(config.consolePages.authSignInUrl).toBe('https://herald.contoso.example/auth/console/signin');
    expect(config.consolePages.frameAncestors).not.toContain('http://127.0.0.1:3990');
    expect(config.consolePages.teamsHostOrigins).toEqual([]);
    expect(parseConfig(gatewayConfigSchema, { ...env, AUTH_PUBLIC_URL: undefined }).consolePages.authSignInUrl).toBeNull();
  });

  it('production: refuses an http AUTH_PUBLIC_URL (tokens would come back over plain http)', () => {
    const env = { MICROSOFT_APP_ID: 'a1b2c3d4-0000-4000-8000-000000000001', MICROSOFT_APP_PASSWORD: 'secret', AUTH_PUBLIC_URL: 'http://herald.contoso.example' };
    expect(() => parseConfig(gatewayConfigSchema, env)).toThrow(/AUTH_PUBLIC_URL: must be https outside dev mode/);
  });
});

describe('asset content types', () => {
  it('names scripts, styles and fonts, and nothing it does not know', () => {
    expect(contentTypeOf('index-Ab12.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('index-Ab12.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('README')).toBe('application/octet-stream');
  });
});
