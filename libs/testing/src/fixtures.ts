import { readdirSync, readFileSync } from 'node:fs';

/** `../shared/fixtures` beside the repository: real Teams payloads, shared by every test. */
const FIXTURES = new URL('../../../../shared/fixtures/', import.meta.url);

/** A shared fixture, parsed (a fresh copy each time). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

/** Names of the shared fixtures that are activities (not the `auth-*` samples). */
export function activityFixtureNames(): string[] {
  return readdirSync(FIXTURES).filter((name) => name.endsWith('.json') && !name.startsWith('auth-'));
}
