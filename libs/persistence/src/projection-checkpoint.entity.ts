import { defineEntity, p } from '@mikro-orm/core';

/** The last stream sequence each projection of the schema applied. */
export const ProjectionCheckpoint = defineEntity({
  name: 'ProjectionCheckpoint',
  tableName: 'projection_checkpoints',
  properties: {
    projection: p.text().primary(),
    position: p.bigint('number'),
    updatedAt: p.datetime(),
  },
});
