import { defineEntity, p } from '@herald/persistence';

/** Read model: people who joined (present) or left each team Herald is in, from member events. */
export const TeamMember = defineEntity({
  name: 'TeamMember',
  tableName: 'team_members',
  properties: {
    teamId: p.text().primary(),
    memberId: p.text().primary(),
    aadObjectId: p.text().nullable(),
    name: p.text().nullable(),
    present: p.boolean(),
    updatedAt: p.datetime(),
  },
});
