import type { Language } from './languages.js';

/** One language's messages: ICU MessageFormat strings by key. */
export type Messages = Readonly<Record<string, string>>;

/**
 * Every language's catalog of one feature: English is the reference, every other language
 * has exactly its keys (the compiler checks they are all there; `catalogs.spec.ts`-style specs
 * check there are no others and that each message parses with the English arguments).
 */
export type Catalogs<English extends Messages> = { readonly en: English } & { readonly [L in Exclude<Language, 'en'>]: { readonly [K in keyof English]: string } };

/** Names the catalogs of a feature, checked against the English one. */
export function defineCatalogs<const English extends Messages>(catalogs: Catalogs<English>): Catalogs<English> {
  return catalogs;
}
