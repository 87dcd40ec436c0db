import { z } from 'zod';

/**
 * The answer to a Teams invoke: the HTTP status and body the gateway returns to Teams
 * (botbuilder's InvokeResponse). E.g. 200 with an Adaptive Card, 412 for a failed SSO exchange.
 */
export const invokeResponseSchema = z.object({
  status: z.number().int().min(200).max(599),
  body: z.unknown().optional(),
});
export type InvokeResponse = z.infer<typeof invokeResponseSchema>;
