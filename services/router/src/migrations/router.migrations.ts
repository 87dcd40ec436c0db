import { CreateConversationRefs } from './0001-conversation-refs.migration.js';
import { CreateTeamDirectory } from './0002-team-directory.migration.js';
import { CreateConversationActivity } from './0003-conversation-activity.migration.js';

/** The router schema's checked-in migrations, oldest first. Never edit one that shipped. */
export const ROUTER_MIGRATIONS = [
  { name: '0001_conversation_refs', class: CreateConversationRefs },
  { name: '0002_team_directory', class: CreateTeamDirectory },
  { name: '0003_conversation_activity', class: CreateConversationActivity },
];
