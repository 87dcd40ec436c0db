import { stableObjectId, type DirectoryUser } from './directory-user.js';
import type { TenantDirectory } from './tenant-directory.js';

const GIVEN_NAMES = ['Adele', 'Alex', 'Diego', 'Grady', 'Henrietta', 'Isaiah', 'Johanna', 'Joni', 'Lee', 'Lidia', 'Lynne', 'Megan', 'Miriam', 'Nestor', 'Patti', 'Pradeep', 'Alice', 'Wen', 'Omar', 'Yuki'];
const SURNAMES = ['Vance', 'Wilber', 'Siciliani', 'Archie', 'Mueller', 'Langer', 'Lauer', 'Sherman', 'Gu', 'Holloway', 'Robbins', 'Bowen', 'Graham', 'Wilke', 'Fernandez', 'Gupta', 'Okafor', 'Chen', 'Haddad', 'Tanaka'];

/** Options of `TeamsSim.seedDirectory`. */
export interface SeedDirectoryOptions {
  /** Member accounts to create. */
  users: number;
  /** Guest (B2B) accounts to create besides them. */
  guests?: number;
  /** How many of the members are disabled (`accountEnabled: false`), spread evenly among them. */
  disabled?: number;
  /** Default the sim's tenant. */
  tenantId?: string;
}

export const tenantDomain = (tenantId: string): string => `t${tenantId.slice(0, 8)}.example`;

/** The n-th generated user of a tenant: the same tenant and n always give the same user. */
export function generatedUser(tenantId: string, n: number, kind: { guest: boolean; disabled: boolean }): DirectoryUser {
  const givenName = GIVEN_NAMES[n % GIVEN_NAMES.length]!;
  const surname = SURNAMES[Math.floor(n / GIVEN_NAMES.length) % SURNAMES.length]!;
  const handle = `${givenName}.${surname}.${n}`.toLowerCase();
  const domain = tenantDomain(tenantId);
  const externalMail = `${handle}@partner.example`;
  return {
    id: stableObjectId(tenantId, 'user', n),
    displayName: `${givenName} ${surname}`,
    givenName,
    surname,
    userPrincipalName: kind.guest ? `${handle}_partner.example#EXT#@${domain}` : `${handle}@${domain}`,
    mail: kind.guest ? externalMail : `${handle}@${domain}`,
    accountEnabled: !kind.disabled,
    userType: kind.guest ? 'Guest' : 'Member',
    jobTitle: null,
    businessPhones: [],
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
  };
}

/** Adds the next generated users to the directory and returns them. */
export function seedDirectory(directory: TenantDirectory, options: Omit<SeedDirectoryOptions, 'tenantId'>): DirectoryUser[] {
  const { users, guests = 0, disabled = 0 } = options;
  const every = disabled > 0 ? Math.max(1, Math.floor(users / disabled)) : 0;
  const created: DirectoryUser[] = [];
  for (let i = 0; i < users + guests; i++) {
    const guest = i >= users;
    const isDisabled = !guest && every > 0 && i % every === every - 1 && Math.floor(i / every) < disabled;
    const user = generatedUser(directory.tenantId, directory.generated++, { guest, disabled: isDisabled });
    directory.put(user);
    created.push(user);
  }
  return created;
}
