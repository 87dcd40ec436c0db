#!/usr/bin/env node
// `npm run projections:rebuild -- <name>`: drops a projection and replays its stream into it.
import { spawnSync } from 'node:child_process';

const OWNERS = {
  'conversation-refs': 'services/router/dist/rebuild.main.js',
  'conversation-activity': 'services/router/dist/rebuild.main.js',
  'user-links': 'services/auth/dist/rebuild.main.js',
  'user-preferences': 'services/auth/dist/rebuild.main.js',
  'installed-people': 'services/auth/dist/rebuild.main.js',
  'person-preferences': 'services/notifier/dist/rebuild.main.js',
  'linked-people': 'services/notifier/dist/rebuild.main.js',
  'directory-people': 'services/notifier/dist/rebuild.main.js',
  'console-messages': 'services/notifier/dist/rebuild.main.js',
  'notification-engagement': 'services/notifier/dist/rebuild.main.js',
  'console-teams': 'services/notifier/dist/rebuild.main.js',
  'directory-users': 'services/graph-sync/dist/rebuild.main.js',
  'known-tenants': 'services/graph-sync/dist/rebuild.main.js',
};

const name = process.argv[2];
if (!OWNERS[name]) {
  process.stderr.write(`usage: npm run projections:rebuild -- <${Object.keys(OWNERS).join('|')}>\n`);
  process.exit(2);
}
const { status } = spawnSync(process.execPath, [OWNERS[name], name], { stdio: 'inherit' });
process.exit(status ?? 1);
