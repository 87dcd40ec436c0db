import { z } from 'zod';
import { outboundActivitySchema } from './activity.js';
import { messageSchema } from './envelope.js';

const conversationTarget = {
  serviceUrl: z.string().url(),
  conversationId: z.string().min(1),
  tenantId: z.string().optional(),
};

/** Command: send an activity to a conversation (a reply when `replyToId` is set). */
export const sendActivitySchema = messageSchema(
  'SendActivity',
  z.object({
    ...conversationTarget,
    replyToId: z.string().optional(),
    /** Replace this earlier activity (PUT) instead of sending a new one: a card's updated state. */
    updateActivityId: z.string().optional(),
    /** Delete this earlier activity (DELETE); `activity` is then not sent. */
    deleteActivityId: z.string().optional(),
    activity: outboundActivitySchema,
    /** An answer to a person's message (as opposed to a broadcast). */
    interactive: z.boolean().default(true),
  }),
);
export type SendActivity = z.infer<typeof sendActivitySchema>;

/** The Bot Connector accepted the activity. */
export const deliverySucceededSchema = messageSchema(
  'DeliverySucceeded',
  z.object({ commandId: z.string(), ...conversationTarget, activityId: z.string().optional(), attempts: z.number().int() }),
);
export type DeliverySucceeded = z.infer<typeof deliverySucceededSchema>;

/** The activity was not delivered (`Failed`), or its outcome cannot be known (`Unknown`). */
export const deliveryFailedSchema = messageSchema(
  'DeliveryFailed',
  z.object({
    commandId: z.string(),
    ...conversationTarget,
    outcome: z.enum(['Failed', 'Unknown']),
    status: z.number().int().optional(),
    code: z.string(),
    attempts: z.number().int(),
  }),
);
export type DeliveryFailed = z.infer<typeof deliveryFailedSchema>;

export const deliveryEventSchema = z.discriminatedUnion('type', [deliverySucceededSchema, deliveryFailedSchema]);
export type DeliveryEvent = z.infer<typeof deliveryEventSchema>;
