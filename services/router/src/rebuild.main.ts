import { parseConfigOrExit } from '@herald/config';
import { runRebuildCommand } from '@herald/event-sourcing';
import { ROUTER_MIGRATIONS } from './migrations/router.migrations.js';
import { rebuildConversationActivity } from './projections/rebuild-conversation-activity.js';
import { CONVERSATION_DIRECTORY_ENTITIES, rebuildConversationRefs } from './projections/rebuild-conversation-refs.js';
import { routerConfigSchema } from './router.config.js';

/** `npm run projections:rebuild -- <name>` for the router's projections. */
await runRebuildCommand({
  service: 'router',
  config: parseConfigOrExit(routerConfigSchema, process.env),
  migrations: ROUTER_MIGRATIONS,
  entities: CONVERSATION_DIRECTORY_ENTITIES,
  rebuilds: { 'conversation-refs': rebuildConversationRefs, 'conversation-activity': rebuildConversationActivity },
  name: process.argv[2],
});
