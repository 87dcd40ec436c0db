import { Problem } from '../../problem-details.filter.js';

export type QueryParams = Record<string, string | string[] | undefined>;

/** A query parameter given at most once, as text: 400 naming it otherwise. */
export function once(query: QueryParams, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw new Problem(400, `${name}: give it once`, {}, name);
  if (value !== undefined && (value.includes('\u0000') || /\p{Cs}/u.test(value) || value.length > 1_000)) throw new Problem(400, `${name}: not text of at most 1000 characters`, {}, name);
  return value;
}

/** An integer query parameter within bounds, or undefined when not given. */
export function integerIn(query: QueryParams, name: string, min: number, max: number): number | undefined {
  const text = once(query, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new Problem(400, `${name}: an integer from ${min} to ${max}`, {}, name);
  return value;
}

/** One of the allowed values, or undefined when not given. */
export function oneOf<T extends string>(query: QueryParams, name: string, allowed: readonly T[]): T | undefined {
  const text = once(query, name);
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) throw new Problem(400, `${name}: one of ${allowed.join(', ')}`, {}, name);
  return text as T;
}
