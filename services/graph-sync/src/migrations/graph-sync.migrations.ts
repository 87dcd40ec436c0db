import { CreateDirectory } from './0001-directory.migration.js';
import { CreateGroupsAndInstalls } from './0002-groups-and-installs.migration.js';

/** The graph_sync schema's checked-in migrations, oldest first. Never edit one that shipped. */
export const GRAPH_SYNC_MIGRATIONS = [
  { name: '0001_directory', class: CreateDirectory },
  { name: '0002_groups_and_installs', class: CreateGroupsAndInstalls },
];
