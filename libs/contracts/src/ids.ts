import { createHash, randomUUID } from 'node:crypto';
import type { Metadata } from './envelope.js';

/** A stable UUID-shaped id derived from its parts: the same cause always yields the same id. */
export function deriveId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Metadata of a message caused by `cause` (or starting a new correlation when there is none). */
export function metadataFor(options: {
  id?: string;
  cause?: Pick<Metadata, 'id' | 'correlationId'>;
  occurredAt: Date;
  traceparent?: string | undefined;
}): Metadata {
  const id = options.id ?? randomUUID();
  return {
    id,
    occurredAt: options.occurredAt.toISOString(),
    correlationId: options.cause?.correlationId ?? id,
    causationId: options.cause?.id ?? null,
    ...(options.traceparent ? { traceparent: options.traceparent } : {}),
  };
}
