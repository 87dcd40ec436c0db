import { createHash } from 'node:crypto';
import type { NotificationRequest } from '@herald/contracts';
import { Problem } from '../problem-details.filter.js';

/**
 * The request's idempotency key: the `Idempotency-Key` header (draft-ietf-httpapi-idempotency-key-header,
 * quoted or bare) or the body's `idempotencyKey`, which mean the same; 400 when both are given and disagree.
 */
export function idempotencyKeyOf(header: string | string[] | undefined, body: NotificationRequest): string | undefined {
  if (Array.isArray(header)) throw new Problem(400, 'Idempotency-Key: give the header once', {}, 'idempotencyKey');
  const fromHeader = header === undefined ? undefined : unquoted(header.trim());
  if (fromHeader !== undefined && (fromHeader.length === 0 || fromHeader.length > 200)) {
    throw new Problem(400, 'Idempotency-Key: 1 to 200 characters', {}, 'idempotencyKey');
  }
  if (fromHeader !== undefined && body.idempotencyKey !== undefined && fromHeader !== body.idempotencyKey) {
    throw new Problem(400, 'idempotencyKey: the body and the Idempotency-Key header give different keys', {}, 'idempotencyKey');
  }
  return fromHeader ?? body.idempotencyKey;
}

/** The draft sends the key as a structured-field string (`"8e03978e-…"`); many clients send it bare. Both are the same key. */
function unquoted(value: string): string {
  const quoted = /^"((?:[^"\\]|\\["\\])*)"$/.exec(value);
  return quoted ? quoted[1]!.replace(/\\(["\\])/g, '$1') : value;
}

/** SHA-256 of the request as stored (recipients after tenant defaults), its keys sorted and its idempotency key left out. */
export function requestDigest(request: NotificationRequest): string {
  const { idempotencyKey, ...rest } = request;
  void idempotencyKey;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, child]) => child !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
