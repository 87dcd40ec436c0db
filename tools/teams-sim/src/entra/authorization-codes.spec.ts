import { describe, expect, it } from 'vitest';
import { AuthorizationCodes, type CodeGrant } from './authorization-codes.js';

const grant: CodeGrant = {
  clientId: 'app',
  tenantId: 'tenant',
  redirectUri: 'https://app.example/callback',
  scope: 'openid',
  userId: 'user',
};

describe('authorization codes', () => {
  it('are redeemed once', () => {
    const codes = new AuthorizationCodes();
    const code = codes.issue(grant, 0);
    expect(codes.redeem(code, 1_000)).toEqual({ found: 'valid', grant });
    expect(codes.redeem(code, 2_000)).toEqual({ found: 'redeemed' });
  });

  it('expire after 10 minutes', () => {
    const codes = new AuthorizationCodes();
    const code = codes.issue(grant, 0);
    expect(codes.redeem(code, 600_000)).toEqual({ found: 'expired' });
  });

  it('are unknown when never issued, and long-expired ones are forgotten', () => {
    const codes = new AuthorizationCodes();
    const old = codes.issue(grant, 0);
    expect(codes.redeem('1.made-up', 0)).toEqual({ found: 'unknown' });
    codes.issue(grant, 2 * 3_600_000);
    expect(codes.redeem(old, 2 * 3_600_000)).toEqual({ found: 'unknown' });
  });
});
