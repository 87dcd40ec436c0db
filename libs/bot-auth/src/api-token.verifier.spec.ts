import { describe, expect, it } from 'vitest';
import { AuthError } from './auth-error.js';
import { apiCallerOf } from './api-token.verifier.js';

const options = { tenantId: 'tenant-1', acceptedRoles: ['Notifications.Send', 'Notifications.Read'] };
const refusal = (claims: Parameters<typeof apiCallerOf>[0]) => {
  try {
    apiCallerOf(claims, options);
  } catch (error) {
    return error instanceof AuthError ? { status: error.status, check: error.check } : error;
  }
  return undefined;
};

describe('the caller an Entra access token names', () => {
  it('is the app of azp (v2.0) or appid (v1.0)', () => {
    expect(apiCallerOf({ azp: 'app-a', roles: ['Notifications.Send'] }, options)).toMatchObject({ appId: 'app-a', tenantId: 'tenant-1' });
    expect(apiCallerOf({ appid: 'app-b', tid: 't', roles: ['Notifications.Send'] }, options)).toMatchObject({ appId: 'app-b', tenantId: 't' });
  });

  it('a token naming no app (no azp, no appid) is refused with 401, never pooled as one shared caller', () => {
    expect(refusal({ roles: ['Notifications.Send'] })).toEqual({ status: 401, check: 'api-token' });
  });

  it('a token without an accepted role is refused with 403; any accepted role lets it in', () => {
    expect(refusal({ azp: 'app-a', roles: [] })).toEqual({ status: 403, check: 'api-role' });
    expect(refusal({ azp: 'app-a', roles: ['Other.Role'] })).toEqual({ status: 403, check: 'api-role' });
    expect(apiCallerOf({ azp: 'app-a', roles: ['Notifications.Read'] }, options).roles).toEqual(['Notifications.Read']);
  });
});
