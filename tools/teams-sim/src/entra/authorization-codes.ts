import { randomBytes } from 'node:crypto';

/** What an authorization code stands for: who signed in, for which client and redirect, with what PKCE challenge. */
export interface CodeGrant {
  readonly clientId: string;
  readonly tenantId: string;
  /** `organizations` or `common` when the code was issued there: it is redeemed there too. */
  readonly authority?: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly userId: string;
  readonly nonce?: string;
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'plain' | 'S256';
}

export type CodeLookup =
  | { readonly found: 'valid'; readonly grant: CodeGrant }
  | { readonly found: 'expired' | 'redeemed' | 'unknown' };

/** Authorization codes are short lived: about 10 minutes (auth code flow doc). */
const CODE_LIFETIME_MS = 10 * 60_000;
/** Redeemed and expired codes are remembered this long, to answer a second use with Entra's error. */
const MEMORY_MS = 60 * 60_000;

interface Issued {
  readonly grant: CodeGrant;
  readonly expiresAt: number;
  redeemed: boolean;
}

/** The codes the authorize endpoint issued, each redeemable once within its lifetime. */
export class AuthorizationCodes {
  private readonly codes = new Map<string, Issued>();

  issue(grant: CodeGrant, now: number = Date.now()): string {
    for (const [code, issued] of this.codes) if (issued.expiresAt + MEMORY_MS < now) this.codes.delete(code);
    const code = `1.${randomBytes(96).toString('base64url')}`;
    this.codes.set(code, { grant, expiresAt: now + CODE_LIFETIME_MS, redeemed: false });
    return code;
  }

  /** Looks the code up and, when valid, marks it used: a code works once. */
  redeem(code: string, now: number = Date.now()): CodeLookup {
    const issued = this.codes.get(code);
    if (!issued) return { found: 'unknown' };
    if (issued.redeemed) return { found: 'redeemed' };
    if (issued.expiresAt <= now) return { found: 'expired' };
    issued.redeemed = true;
    return { found: 'valid', grant: issued.grant };
  }
}
