import { z } from 'zod';

/** Every event and command on the bus: `{ type, data, metadata }`. */
export const metadataSchema = z.object({
  id: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  traceparent: z.string().optional(),
});
export type Metadata = z.infer<typeof metadataSchema>;

export interface Message<Type extends string, Data> {
  readonly type: Type;
  readonly data: Data;
  readonly metadata: Metadata;
}

/** The zod schema of one message type. */
export function messageSchema<const Type extends string, Data extends z.ZodType>(type: Type, data: Data) {
  return z.object({ type: z.literal(type), data, metadata: metadataSchema });
}
