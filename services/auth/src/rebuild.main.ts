import { parseConfigOrExit } from '@herald/config';
import { runRebuildCommand } from '@herald/event-sourcing';
import { authConfigSchema } from './auth.config.js';
import { AUTH_MIGRATIONS } from './migrations/auth.migrations.js';
import { rebuildUserPreferences } from './preferences/rebuild-user-preferences.js';
import { rebuildUserLinks } from './users/rebuild-user-links.js';
import { rebuildInstalledPeople } from './people/rebuild-installed-people.js';

/** `npm run projections:rebuild -- <name>` for the auth service's projections. */
await runRebuildCommand({
  service: 'auth',
  config: parseConfigOrExit(authConfigSchema, process.env),
  migrations: AUTH_MIGRATIONS,
  rebuilds: { 'user-links': rebuildUserLinks, 'user-preferences': rebuildUserPreferences, 'installed-people': rebuildInstalledPeople },
  name: process.argv[2],
});
