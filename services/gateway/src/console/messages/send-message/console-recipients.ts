import type { ConsoleAudience, Recipient } from '@herald/contracts';

/**
 * The notification's recipients for an audience, every one in the author's tenant: a team's
 * General channel (`{ teamId }`) or the chosen channel (`{ channelId, teamId }`), a team's
 * members through its Microsoft 365 group (`{ groupId }`), a group's members, everyone. Each
 * recipient once.
 */
export function recipientsOf(audience: ConsoleAudience, tenantId: string): Recipient[] {
  const recipients: Recipient[] = [
    ...audience.teams.map(({ teamId, channelId }): Recipient => (channelId ? { channelId, teamId, tenantId } : { teamId, tenantId })),
    ...audience.teamMembers.map(({ aadGroupId }): Recipient => ({ groupId: aadGroupId, tenantId })),
    ...audience.groups.map(({ groupId }): Recipient => ({ groupId, tenantId })),
    ...(audience.everyone ? [{ allUsers: true as const, tenantId }] : []),
  ];
  const seen = new Set<string>();
  return recipients.filter((recipient) => {
    const key = JSON.stringify(recipient);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
