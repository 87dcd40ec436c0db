import type { FastifyRequest } from 'fastify';

/**
 * Every Authorization header as sent. Node keeps only the first of repeated Authorization
 * headers; the raw list shows them all, and two headers must be refused, not half-read.
 */
export function authorizationHeaders(request: FastifyRequest): string | string[] | undefined {
  const raw = request.raw.rawHeaders;
  const values: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]?.toLowerCase() === 'authorization') values.push(raw[i + 1] ?? '');
  }
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}
