import { defineEntity, p } from '@herald/persistence';

/** Read model: the channels of each team Herald is in, from channel events (deleted ones flagged). */
export const TeamChannel = defineEntity({
  name: 'TeamChannel',
  tableName: 'team_channels',
  properties: {
    teamId: p.text().primary(),
    channelId: p.text().primary(),
    name: p.text().nullable(),
    deleted: p.boolean(),
    updatedAt: p.datetime(),
  },
});
