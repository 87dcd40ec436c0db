import { CreateUserLinks } from './0001-user-links.migration.js';
import { CreateUserPreferences } from './0002-user-preferences.migration.js';
import { CreateInstalledPeople } from './0003-installed-people.migration.js';

/** The auth schema's checked-in migrations, oldest first. Never edit one that shipped. */
export const AUTH_MIGRATIONS = [
  { name: '0001_user_links', class: CreateUserLinks },
  { name: '0002_user_preferences', class: CreateUserPreferences },
  { name: '0003_installed_people', class: CreateInstalledPeople },
];
