import { createHash } from 'node:crypto';
import { teamsUserId } from '../conversations/teams-ids.js';

/** A user of the sim's Entra tenant, with the properties Graph's user resource returns by default. */
export interface EntraUser {
  /** The user's object id (`oid`, Teams' `aadObjectId`, Graph's `id`). */
  readonly id: string;
  readonly displayName: string;
  readonly userPrincipalName: string;
  readonly mail: string | null;
  readonly givenName: string | null;
  readonly surname: string | null;
  readonly jobTitle: string | null;
  readonly officeLocation: string | null;
  readonly preferredLanguage: string | null;
  readonly mobilePhone: string | null;
  readonly businessPhones: readonly string[];
  readonly tenantId: string;
  /** Whether the user (or an admin) consented to the bot's delegated Graph permissions; false → AADSTS65001. */
  readonly consented: boolean;
  /** A B2B guest ('Guest') or one of the tenant's own ('Member'); Teams calls a guest's userRole 'guest'. */
  readonly userType?: 'Member' | 'Guest';
}

/** Users known elsewhere (the tenant's generated Graph directory): their profile, and the object id behind a 29: id. */
export interface UserSource {
  profile(aadObjectId: string): UserProfile | undefined;
  objectIdOfTeamsId(teamsId: string): string | undefined;
}

export type UserProfile = Partial<Omit<EntraUser, 'id'>>;

/** The one simulated Teams user of the chat page. */
export const CHAT_USER_AAD_OBJECT_ID = '5d8a3c2e-7b41-4f6a-9e0d-2c6b1f4a8e37';

const CHAT_USER: UserProfile = {
  displayName: 'Megan Bowen',
  userPrincipalName: 'MeganB@contoso.example',
  mail: 'MeganB@contoso.example',
  givenName: 'Megan',
  surname: 'Bowen',
  jobTitle: 'Marketing Manager',
  officeLocation: '12/1110',
  preferredLanguage: 'en-US',
  businessPhones: ['+1 412 555 0109'],
};

/** A stable made-up profile for an object id nobody described. */
function madeUpProfile(aadObjectId: string, tenantId: string): EntraUser {
  const hex = createHash('sha256').update(aadObjectId.toLowerCase()).digest('hex');
  const handle = `user-${hex.slice(0, 8)}`;
  return {
    id: aadObjectId,
    displayName: `User ${hex.slice(0, 4)}`,
    userPrincipalName: `${handle}@contoso.example`,
    mail: `${handle}@contoso.example`,
    givenName: null,
    surname: null,
    jobTitle: null,
    officeLocation: null,
    preferredLanguage: null,
    mobilePhone: null,
    businessPhones: [],
    tenantId,
    consented: true,
  };
}

/**
 * The sim's Entra directory, keyed by object id: the chat page user (Megan Bowen), users tests describe,
 * and a stable made-up user for any other id. Teams members (MemberDirectory) read their names from here.
 */
export class UserDirectory {
  private readonly profiles = new Map<string, UserProfile>();
  /** Teams user id (29:…) → object id, for every user the directory has handed out. */
  private readonly byTeamsId = new Map<string, string>();

  private source: UserSource | undefined;

  constructor(private readonly tenantId: string) {
    this.set(CHAT_USER_AAD_OBJECT_ID, CHAT_USER);
  }

  /** Users this directory also knows, below what `set` describes. */
  useSource(source: UserSource): void {
    this.source = source;
  }

  set(aadObjectId: string, profile: UserProfile): void {
    const key = aadObjectId.toLowerCase();
    this.profiles.set(key, { ...this.profiles.get(key), ...withoutUndefined(profile) });
    this.byTeamsId.set(teamsUserId(aadObjectId), aadObjectId);
  }

  get(aadObjectId: string): EntraUser {
    const key = aadObjectId.toLowerCase();
    if (!this.profiles.has(key)) this.set(aadObjectId, {});
    const known = this.source?.profile(aadObjectId);
    return { ...madeUpProfile(aadObjectId, this.tenantId), ...known, ...this.profiles.get(key), id: aadObjectId };
  }

  /** The object id behind a Teams user id (`teamsUserId(aadObjectId)`) of a user this directory knows. */
  aadObjectIdOf(teamsId: string): string | undefined {
    return this.byTeamsId.get(teamsId) ?? this.source?.objectIdOfTeamsId(teamsId);
  }

  /** A known user by UPN (case-insensitive), as sign-in looks them up. */
  findByUpn(upn: string): EntraUser | undefined {
    const wanted = upn.toLowerCase();
    return [...this.profiles.keys()]
      .map((id) => this.get(id))
      .find((user) => user.userPrincipalName.toLowerCase() === wanted);
  }
}

function withoutUndefined(profile: UserProfile): UserProfile {
  return Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined));
}
