import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkMicrosoftEnv, graphLimitsEnv, microsoftEnv, outboundTokenTenant, serviceEnv, toGraphLimits, toMicrosoftConfig, toServiceConfig } from './env.js';
import { ConfigError, parseConfig } from './parse-config.js';

const schema = z
  .object({ ...serviceEnv(3978), ...microsoftEnv })
  .superRefine(checkMicrosoftEnv)
  .transform((env) => ({ ...toServiceConfig(env, 'gateway'), microsoft: toMicrosoftConfig(env) }));

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(schema, env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

describe('parseConfig', () => {
  it('reports every invalid variable at once, each by name', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://nope',
      MICROSOFT_APP_TYPE: 'Global',
      AAD_AUTHORITY_HOST: 'http://login.example.com',
      LOG_LEVEL: 'loud',
    });
    const named = problems.map((p) => p.split(':')[0]);
    expect(named).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'MICROSOFT_APP_TYPE', 'AAD_AUTHORITY_HOST', 'LOG_LEVEL']));
    expect(problems.find((p) => p.startsWith('AAD_AUTHORITY_HOST'))).toMatch(/https/);
  });

  it('requires the password with an app id, and the tenant for single-tenant bots', () => {
    const problems = problemsOf({ MICROSOFT_APP_ID: 'abc', MICROSOFT_APP_TYPE: 'SingleTenant' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID']);
  });

  it('accepts plain http for loopback hosts only', () => {
    const config = parseConfig(schema, { AAD_AUTHORITY_HOST: 'http://127.0.0.1:3990' });
    expect(config.microsoft.authorityHost).toBe('http://127.0.0.1:3990');
  });

  it('defaults to dev mode against teams-sim, and to Microsoft in production', () => {
    const dev = parseConfig(schema, {});
    expect(dev.microsoft.devMode).toBe(true);
    expect(dev.microsoft.openIdMetadataUrl).toBe('http://127.0.0.1:3990/v1/.well-known/openidconfiguration');
    expect(dev.microsoft.trustedServiceUrlHosts).toContain('127.0.0.1');
    const prod = parseConfig(schema, { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret' });
    expect(prod.microsoft.openIdMetadataUrl).toBe('https://login.botframework.com/v1/.well-known/openidconfiguration');
    expect(prod.microsoft.authorityHost).toBe('https://login.microsoftonline.com');
    expect(prod.microsoft.trustedServiceUrlHosts).not.toContain('127.0.0.1');
  });

  it('returns a deeply frozen, typed object', () => {
    const config = parseConfig(schema, { PORT: '4000', TRUSTED_SERVICE_URL_HOSTS: 'a.example, *.b.example' });
    expect(config.port).toBe(4000);
    expect(config.microsoft.trustedServiceUrlHosts).toEqual(['a.example', '*.b.example']);
    expect(Object.isFrozen(config.microsoft)).toBe(true);
    expect(() => {
      (config.nats as { url: string }).url = 'nats://elsewhere';
    }).toThrow(TypeError);
  });

  it('asks the right tenant for outbound tokens: botframework.com, the US government one, or the app tenant', () => {
    const config = (env: Record<string, string>) => parseConfig(schema, { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'secret', ...env }).microsoft;
    expect(outboundTokenTenant(config({}))).toBe('botframework.com');
    expect(outboundTokenTenant(config({ AAD_AUTHORITY_HOST: 'https://login.microsoftonline.us' }))).toBe('MicrosoftServices.onmicrosoft.us');
    expect(outboundTokenTenant(config({ MICROSOFT_APP_TYPE: 'SingleTenant', MICROSOFT_APP_TENANT_ID: 'tid-1' }))).toBe('tid-1');
  });
});

describe('Graph limits', () => {
  const limits = z.object(graphLimitsEnv).transform(toGraphLimits);

  it("default to Teams' app install limits, and may be lowered", () => {
    expect(parseConfig(limits, {})).toEqual({ installsPerTenantPerSecond: 30, installsPerSecond: 300 });
    expect(parseConfig(limits, { GRAPH_INSTALLS_PER_TENANT_PER_SECOND: '10', GRAPH_INSTALLS_PER_SECOND: '100' })).toEqual({ installsPerTenantPerSecond: 10, installsPerSecond: 100 });
  });

  it('reports both when neither is a positive number', () => {
    try {
      parseConfig(limits, { GRAPH_INSTALLS_PER_TENANT_PER_SECOND: '0', GRAPH_INSTALLS_PER_SECOND: 'lots' });
      expect.unreachable('expected the limits to be rejected');
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual(['GRAPH_INSTALLS_PER_SECOND', 'GRAPH_INSTALLS_PER_TENANT_PER_SECOND']);
    }
  });
});
