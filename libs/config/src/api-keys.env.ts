import { z } from 'zod';

/**
 * What a caller of the API may do: send and read notifications, read and set people's preferences
 * (`/api/v1/users/{aadObjectId}/preferences`). `admin` may do everything, to any caller's notification.
 */
export const API_SCOPES = ['notifications:send', 'notifications:read', 'preferences:read', 'preferences:write', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** A plain key (no `scopes=`) sends and reads its own notifications, in every tenant. */
export const DEFAULT_KEY_SCOPES: readonly ApiScope[] = ['notifications:send', 'notifications:read'];

/** At most `limit` calls per window of `windowMs` (a fixed window, shared by every gateway replica). */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** One entry of `HERALD_API_KEYS`: the key (only ever digested by its users), what it may do and how often. */
export interface ApiKeyEntry {
  key: string;
  scopes: readonly ApiScope[];
  /** The tenants its recipients may be in; `*` for every tenant. */
  tenants: readonly string[] | '*';
  /** Its own rate limit (`unlimited`: none); absent: the gateway's default. */
  rate?: RateLimit | 'unlimited';
}

const WINDOWS: Record<string, number> = { s: 1_000, min: 60_000, h: 3_600_000 };

/** `<n>/s`, `<n>/min` or `<n>/h`; undefined when malformed. */
export function parseRateLimit(value: string): RateLimit | undefined {
  const match = /^(\d{1,7})\/(s|min|h)$/.exec(value.trim());
  if (!match || Number(match[1]) < 1) return undefined;
  return { limit: Number(match[1]), windowMs: WINDOWS[match[2]!]! };
}

/** A rate limit variable: `<n>/s|min|h`, or `unlimited`. */
export const rateLimitEnv = (fallback: string) =>
  z.string().default(fallback).transform((value, ctx): RateLimit | 'unlimited' => {
    if (value.trim() === 'unlimited') return 'unlimited';
    const rate = parseRateLimit(value);
    if (rate) return rate;
    ctx.addIssue({ code: 'custom', message: 'a rate like 50/s, 600/min or 10000/h, or "unlimited"' });
    return z.NEVER;
  });

/**
 * `HERALD_API_KEYS`: comma-separated entries `key[;scopes=a|b][;tenants=t1|t2|*][;rate=N/s|min|h|unlimited]`.
 * A plain `key` keeps its old meaning (send and read, every tenant, the default rate). Problems name
 * the entry by position, never by its key: keys are secrets.
 */
export const apiKeyList = () =>
  z.string().transform((value, ctx) => {
    const entries = value.split(',').map((item) => item.trim()).filter(Boolean);
    return entries.map((entry, index) => {
      const parsed = parseEntry(entry);
      if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: `entry ${index + 1}: ${parsed}` });
      return parsed;
    }).filter((entry): entry is ApiKeyEntry => typeof entry !== 'string');
  });

/** The entry, or what is wrong with it. */
function parseEntry(entry: string): ApiKeyEntry | string {
  const [key, ...attributes] = entry.split(';').map((part) => part.trim());
  if (!key || /\s/.test(key)) return 'the key is empty or contains white space';
  const parsed: ApiKeyEntry = { key, scopes: DEFAULT_KEY_SCOPES, tenants: '*' };
  for (const attribute of attributes) {
    const [name, raw = ''] = attribute.split(/=(.*)/s, 2).map((part) => part.trim());
    const values = raw.split('|').map((item) => item.trim()).filter(Boolean);
    if (name === 'scopes') {
      const unknown = values.find((scope) => !(API_SCOPES as readonly string[]).includes(scope));
      if (values.length === 0 || unknown !== undefined) return `scopes: one or more of ${API_SCOPES.join(', ')}, separated by |`;
      parsed.scopes = values as ApiScope[];
    } else if (name === 'tenants') {
      if (values.length === 0) return 'tenants: tenant ids separated by |, or *';
      parsed.tenants = values.includes('*') ? '*' : values;
    } else if (name === 'rate') {
      const rate = raw === 'unlimited' ? 'unlimited' : parseRateLimit(raw);
      if (!rate) return 'rate: like 50/s, 600/min or 10000/h, or unlimited';
      parsed.rate = rate;
    } else {
      return `unknown attribute "${name}" (scopes, tenants or rate)`;
    }
  }
  if (parsed.scopes.includes('admin') && parsed.tenants !== '*') return 'an admin key is for every tenant: drop tenants= or the admin scope';
  return parsed;
}
