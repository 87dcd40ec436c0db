import { z } from 'zod';
import { inboundActivitySchema } from './activity.js';
import { messageSchema } from './envelope.js';

/** An authenticated activity from Teams, stored before the gateway answered 200. */
export const activityReceivedSchema = messageSchema(
  'ActivityReceived',
  z.object({
    activity: inboundActivitySchema,
    /** The serviceUrl as verified against the token's `serviceurl` claim. */
    verifiedServiceUrl: z.string(),
    receivedAt: z.iso.datetime({ offset: true }),
  }),
);
export type ActivityReceived = z.infer<typeof activityReceivedSchema>;
