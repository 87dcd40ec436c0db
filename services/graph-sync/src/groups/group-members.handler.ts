import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { groupMembersRequestSchema, SUBJECTS, type GroupMembersAnswer } from '@herald/contracts';
import { GroupMembers } from './group-members.js';

/** `graph.request.group-members`: a page of a group's transitive users, from the cache (refreshed by a first page past its TTL). */
@Controller()
export class GroupMembersHandler {
  constructor(@Inject(GroupMembers) private readonly members: GroupMembers) {}

  @MessagePattern(SUBJECTS.groupMembersRequest)
  answer(@Payload() payload: unknown): Promise<GroupMembersAnswer> {
    return this.members.page(groupMembersRequestSchema.parse(payload).data);
  }
}
