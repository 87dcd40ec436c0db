import { createHash } from 'node:crypto';

/** A Teams user as the Bot Connector's member APIs describe them (TeamsChannelAccount). */
export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  givenName?: string;
  surname?: string;
  email: string;
  userPrincipalName: string;
  tenantId: string;
  /** `user`, `guest` (a B2B guest of the tenant) or `anonymous`. */
  userRole: 'user' | 'guest' | 'anonymous';
}

/**
 * Who the simulated users are: any `29:` id gets a stable made-up profile in the sim's tenant;
 * tests give chosen users their own (a guest, a known UPN).
 */
export class MemberDirectory {
  private readonly members = new Map<string, TeamsMember>();

  constructor(private readonly tenantId: string) {}

  set(userId: string, profile: Partial<TeamsMember>): void {
    this.members.set(userId, { ...this.get(userId), ...profile, id: userId });
  }

  get(userId: string): TeamsMember {
    const known = this.members.get(userId);
    if (known) return known;
    const hex = createHash('sha256').update(userId).digest('hex');
    const handle = `user-${hex.slice(0, 8)}`;
    return {
      id: userId,
      name: `User ${hex.slice(0, 4)}`,
      aadObjectId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`,
      email: `${handle}@contoso.example`,
      userPrincipalName: `${handle}@contoso.example`,
      tenantId: this.tenantId,
      userRole: 'user',
    };
  }
}
