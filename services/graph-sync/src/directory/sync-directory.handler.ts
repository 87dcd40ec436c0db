import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { SUBJECTS, syncDirectoryRequestedSchema, type SyncDirectoryAnswer } from '@herald/contracts';
import { DirectorySync } from './sync-directory.js';

/** `graph.request.sync-directory`: syncs the tenant now; answers once done, or at once when a sync of it is already running. */
@Controller()
export class SyncDirectoryHandler {
  constructor(@Inject(DirectorySync) private readonly sync: DirectorySync) {}

  @MessagePattern(SUBJECTS.syncDirectoryRequest)
  answer(@Payload() payload: unknown): Promise<SyncDirectoryAnswer> {
    return this.sync.sync(syncDirectoryRequestedSchema.parse(payload).data.tenantId);
  }
}
