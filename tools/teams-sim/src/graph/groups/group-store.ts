import { stableObjectId } from '../directory/directory-user.js';

/** A security group of a tenant: its direct user members and the groups nested in it. */
export interface DirectoryGroup {
  readonly id: string;
  readonly displayName: string;
  readonly description: string | null;
  readonly memberIds: readonly string[];
  readonly nestedGroupIds: readonly string[];
}

/** Options of `TeamsSim.createGroup`. */
export interface CreateGroupOptions {
  displayName: string;
  /** Users (directory ids) who are direct members. */
  memberIds: readonly string[];
  /** Groups (ids of groups created before) nested in this one: their members are transitive members. */
  nested?: readonly string[];
  description?: string;
  /** Default the sim's tenant. */
  tenantId?: string;
  /** The group's object id, for a test that must configure it before the group exists; default a stable made-up one. */
  id?: string;
}

/** The transitive members of a group: every nested group and every user, each once, in the order reached. */
export interface TransitiveMembers {
  readonly groupIds: string[];
  readonly userIds: string[];
}

/** Groups per tenant, with deterministic ids. */
export class GroupStore {
  private readonly groups = new Map<string, Map<string, DirectoryGroup>>();

  private tenant(tenantId: string): Map<string, DirectoryGroup> {
    const key = tenantId.toLowerCase();
    let groups = this.groups.get(key);
    if (!groups) this.groups.set(key, (groups = new Map<string, DirectoryGroup>()));
    return groups;
  }

  create(tenantId: string, options: Omit<CreateGroupOptions, 'tenantId'>): DirectoryGroup {
    const groups = this.tenant(tenantId);
    const group: DirectoryGroup = {
      id: options.id?.toLowerCase() ?? stableObjectId(tenantId.toLowerCase(), 'group', groups.size),
      displayName: options.displayName,
      description: options.description ?? null,
      memberIds: [...options.memberIds],
      nestedGroupIds: [...(options.nested ?? [])],
    };
    groups.set(group.id, group);
    return group;
  }

  get(tenantId: string, id: string): DirectoryGroup | undefined {
    return this.tenant(tenantId).get(id.toLowerCase());
  }

  all(tenantId: string): DirectoryGroup[] {
    return [...this.tenant(tenantId).values()];
  }

  /** Walks nested groups depth first (a cycle is walked once), as Graph's transitive listing flattens them. */
  transitiveMembers(tenantId: string, id: string): TransitiveMembers {
    const result: TransitiveMembers = { groupIds: [], userIds: [] };
    const seenUsers = new Set<string>();
    const seenGroups = new Set<string>([id]);
    const walk = (groupId: string) => {
      const group = this.get(tenantId, groupId);
      if (!group) return;
      for (const userId of group.memberIds) {
        if (!seenUsers.has(userId)) result.userIds.push(userId);
        seenUsers.add(userId);
      }
      for (const nested of group.nestedGroupIds) {
        if (seenGroups.has(nested)) continue;
        seenGroups.add(nested);
        result.groupIds.push(nested);
        walk(nested);
      }
    };
    walk(id);
    return result;
  }
}

/** Graph's group properties the sim returns (a security group: no mail). */
export function groupValue(group: DirectoryGroup, select: readonly string[] | undefined): Record<string, unknown> {
  const values: Record<string, unknown> = {
    id: group.id,
    displayName: group.displayName,
    description: group.description,
    groupTypes: [],
    mail: null,
    mailEnabled: false,
    mailNickname: group.displayName.replace(/[^A-Za-z0-9]/g, '').toLowerCase() || group.id.slice(0, 8),
    securityEnabled: true,
  };
  const names = select ? [...select.filter((name) => name !== 'id'), 'id'] : Object.keys(values);
  return Object.fromEntries(names.map((name) => [name, values[name] ?? null]));
}

/**
 * `$search="displayName:word"` (clauses joined by OR or AND): Graph tokenizes displayName, and each word of
 * the term matches the start of a word of the name, case-insensitively.
 */
export function matchesSearch(displayName: string, clauses: readonly string[][], all: boolean): boolean {
  const words = displayName.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const matches = (terms: string[]) => terms.every((term) => words.some((word) => word.startsWith(term)));
  return all ? clauses.every(matches) : clauses.some(matches);
}
