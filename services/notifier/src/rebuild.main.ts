import { parseConfigOrExit } from '@herald/config';
import { runRebuildCommand } from '@herald/event-sourcing';
import { NOTIFIER_MIGRATIONS } from './migrations/notifier.migrations.js';
import { notifierConfigSchema } from './notifier.config.js';
import { rebuildDirectoryPeople } from './directory/rebuild-directory-people.js';
import { rebuildLinkedPeople } from './people/rebuild-linked-people.js';
import { rebuildPersonPreferences } from './preferences/rebuild-person-preferences.js';
import { rebuildConsoleMessages } from './console/messages/rebuild-console-messages.js';
import { rebuildNotificationEngagement } from './console/engagement/rebuild-notification-engagement.js';
import { rebuildConsoleTeams } from './console/teams/rebuild-console-teams.js';

/** `npm run projections:rebuild -- <name>` for the notifier's projections. */
await runRebuildCommand({
  service: 'notifier',
  config: parseConfigOrExit(notifierConfigSchema, process.env),
  migrations: NOTIFIER_MIGRATIONS,
  rebuilds: {
    'person-preferences': rebuildPersonPreferences,
    'linked-people': rebuildLinkedPeople,
    'directory-people': rebuildDirectoryPeople,
    'console-messages': rebuildConsoleMessages,
    'notification-engagement': rebuildNotificationEngagement,
    'console-teams': rebuildConsoleTeams,
  },
  name: process.argv[2],
});
