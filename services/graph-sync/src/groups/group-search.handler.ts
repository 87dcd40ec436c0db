import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { groupSearchRequestSchema, SUBJECTS, type GroupSearchAnswer } from '@herald/contracts';
import { GraphClients } from '../graph-clients.js';
import { searchGroups } from './group-search.js';

/** `graph.request.group-search`: groups by display name, straight from Graph (nothing cached). */
@Controller()
export class GroupSearchHandler {
  constructor(@Inject(GraphClients) private readonly graph: GraphClients) {}

  @MessagePattern(SUBJECTS.groupSearchRequest)
  answer(@Payload() payload: unknown): Promise<GroupSearchAnswer> {
    const request = groupSearchRequestSchema.parse(payload).data;
    return searchGroups(this.graph.forRequests(request.tenantId), request);
  }
}
