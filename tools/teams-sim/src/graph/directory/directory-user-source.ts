import { teamsUserId } from '../../conversations/teams-ids.js';
import type { UserSource } from '../../entra/user-directory.js';
import type { TenantDirectory } from './tenant-directory.js';

/**
 * The sim tenant's generated directory as a source of Entra users, so tokens, Graph /me and the Bot
 * Connector's member API describe a generated user as users/delta does (a guest's userRole is 'guest').
 * The 29: id index follows the directory's change log, so 50,000 users are hashed once, not per lookup.
 */
export function directoryUserSource(directory: TenantDirectory): UserSource {
  const byTeamsId = new Map<string, string>();
  let indexed = 0;
  return {
    profile: (aadObjectId) => {
      const user = directory.get(aadObjectId);
      if (!user) return undefined;
      const { displayName, givenName, surname, userPrincipalName, mail, jobTitle, userType, businessPhones } = user;
      return { displayName, givenName, surname, userPrincipalName, mail, jobTitle, userType, businessPhones, tenantId: directory.tenantId };
    },
    objectIdOfTeamsId: (teamsId) => {
      if (directory.version > indexed) {
        for (const id of directory.changedSince(indexed)) byTeamsId.set(teamsUserId(id), id);
        indexed = directory.version;
      }
      const id = byTeamsId.get(teamsId);
      return id && directory.get(id) ? id : undefined;
    },
  };
}
