import { CreateUserLinks } from './0001-user-links.migration.js';

/** The auth schema's checked-in migrations, oldest first. Never edit one that shipped. */
export const AUTH_MIGRATIONS = [{ name: '0001_user_links', class: CreateUserLinks }];
