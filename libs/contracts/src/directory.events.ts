import { z } from 'zod';
import { messageSchema } from './envelope.js';

/**
 * A tenant's Entra directory as graph-sync last read it (`users/delta`): events on
 * `graph.directory.<tenant>.<user>` (DIRECTORY), emitted only when the user changed.
 */
const directoryUser = {
  tenantId: z.string().min(1),
  /** The Entra object id. */
  userId: z.string().min(1),
};

export const directoryUserUpsertedSchema = messageSchema(
  'DirectoryUserUpserted',
  z.object({
    ...directoryUser,
    displayName: z.string().nullable(),
    userPrincipalName: z.string().nullable(),
    mail: z.string().nullable(),
    accountEnabled: z.boolean(),
    userType: z.string().nullable(),
  }),
);
export type DirectoryUserUpserted = z.infer<typeof directoryUserUpsertedSchema>;

/** The user left the directory (`@removed` in a delta round, or absent from a full resync). */
export const directoryUserRemovedSchema = messageSchema('DirectoryUserRemoved', z.object({ ...directoryUser, reason: z.enum(['changed', 'deleted', 'resync']) }));
export type DirectoryUserRemoved = z.infer<typeof directoryUserRemovedSchema>;

export const directoryEventSchema = z.discriminatedUnion('type', [directoryUserUpsertedSchema, directoryUserRemovedSchema]);
export type DirectoryEvent = z.infer<typeof directoryEventSchema>;

/** Request/reply (core NATS, `SUBJECTS.syncDirectoryRequest`): sync one tenant's directory now. */
export const syncDirectoryRequestedSchema = messageSchema('SyncDirectoryRequested', z.object({ tenantId: z.string().min(1) }));
export type SyncDirectoryRequested = z.infer<typeof syncDirectoryRequestedSchema>;

/** `synced`: this request ran a round to its deltaLink; `running`: another run (this replica's or another's) holds the tenant; `stopped`: the replica is shutting down (the checkpoint says where the next run resumes). */
export const syncDirectoryAnswerSchema = z.object({ status: z.enum(['synced', 'running', 'stopped']), upserted: z.number().int(), removed: z.number().int(), pages: z.number().int() });
export type SyncDirectoryAnswer = z.infer<typeof syncDirectoryAnswerSchema>;
