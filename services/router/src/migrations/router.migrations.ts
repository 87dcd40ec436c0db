import { CreateConversationRefs } from './0001-conversation-refs.migration.js';

/** The router schema's checked-in migrations, oldest first. Never edit one that shipped. */
export const ROUTER_MIGRATIONS = [{ name: '0001_conversation_refs', class: CreateConversationRefs }];
