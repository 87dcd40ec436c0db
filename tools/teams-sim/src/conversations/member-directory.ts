import { createHash } from 'node:crypto';
import type { UserDirectory } from '../entra/user-directory.js';

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

type MemberOnly = Pick<TeamsMember, 'aadObjectId' | 'userRole'>;

/** A stable object id for a `29:` id the directory has never seen. */
function madeUpObjectId(userId: string): string {
  const hex = createHash('sha256').update(userId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Who the simulated Teams users are, by `29:` id. The profile (name, UPN, email, tenant) is the Entra user's
 * of the same object id, so the member API, tokens and Graph all agree; a `29:` id nobody described gets a
 * stable made-up object id. Tests give chosen users their own profile (a guest, a known UPN).
 */
export class MemberDirectory {
  private readonly members = new Map<string, Partial<MemberOnly>>();

  constructor(private readonly users: UserDirectory) {}

  set(userId: string, profile: Partial<TeamsMember>): void {
    const { aadObjectId, userRole, name, email, userPrincipalName, givenName, surname, tenantId } = profile;
    const own = { ...this.members.get(userId), ...(aadObjectId ? { aadObjectId } : {}), ...(userRole ? { userRole } : {}) };
    this.members.set(userId, own);
    this.users.set(this.objectIdOf(userId), { displayName: name, mail: email, userPrincipalName, givenName, surname, tenantId });
  }

  get(userId: string): TeamsMember {
    const user = this.users.get(this.objectIdOf(userId));
    return {
      id: userId,
      name: user.displayName,
      aadObjectId: user.id,
      ...(user.givenName ? { givenName: user.givenName } : {}),
      ...(user.surname ? { surname: user.surname } : {}),
      email: user.mail ?? user.userPrincipalName,
      userPrincipalName: user.userPrincipalName,
      tenantId: user.tenantId,
      userRole: this.members.get(userId)?.userRole ?? (user.userType === 'Guest' ? 'guest' : 'user'),
    };
  }

  private objectIdOf(userId: string): string {
    return this.members.get(userId)?.aadObjectId ?? this.users.aadObjectIdOf(userId) ?? madeUpObjectId(userId);
  }
}
