import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { consoleReachRequestSchema, SUBJECTS, type ConsoleReachAnswer } from '@herald/contracts';
import { MessageBus } from '@herald/messaging';
import { DATABASE, type MikroORM } from '@herald/persistence';
import { everyone } from './everyone.js';
import { groupPeople } from './group-people.js';

type Part = ConsoleReachAnswer['parts'][number];
/** Groups counted at the same time: graph-sync serves other work too. */
const GROUPS_AT_ONCE = 4;

/**
 * How many an audience reaches, before sending (request/reply, for the console): a post per team,
 * the people of each group and team (their Microsoft 365 group, through graph-sync), everyone in
 * the tenant — each person once across the parts. A part graph-sync cannot count now has a null
 * count, and the estimate is then a lower bound (`complete: false`).
 */
@Controller()
export class AnswerConsoleReachHandler {
  constructor(
    @Inject(DATABASE) private readonly database: MikroORM,
    @Inject(MessageBus) private readonly bus: MessageBus,
  ) {}

  @MessagePattern(SUBJECTS.consoleReachRequest)
  async answer(@Payload() payload: unknown): Promise<ConsoleReachAnswer> {
    const { tenantId, audience } = consoleReachRequestSchema.parse(payload).data;
    const groups = [
      ...audience.teamMembers.map((team) => ({ kind: 'teamMembers' as const, id: team.teamId, groupId: team.aadGroupId })),
      ...audience.groups.map((group) => ({ kind: 'group' as const, id: group.groupId, groupId: group.groupId })),
    ];
    const counted: (typeof groups[number] & { people: Set<string> | null })[] = [];
    for (let i = 0; i < groups.length; i += GROUPS_AT_ONCE) {
      counted.push(...(await Promise.all(groups.slice(i, i + GROUPS_AT_ONCE).map(async (group) => ({ ...group, people: await groupPeople(this.bus, tenantId, group.groupId) })))));
    }
    const people = new Set(counted.flatMap((group) => [...(group.people ?? [])]));
    const parts: Part[] = [
      ...audience.teams.map((team): Part => ({ kind: 'team', id: team.channelId ?? team.teamId, count: 1 })),
      ...counted.map((group): Part => ({ kind: group.kind, id: group.id, count: group.people?.size ?? null })),
    ];
    let reached = people.size;
    if (audience.everyone) {
      const all = await everyone(this.database.em.fork(), tenantId, people);
      parts.push({ kind: 'everyone', id: tenantId, count: all.count });
      reached = all.count + all.beyond;
    }
    return { estimated: audience.teams.length + reached, complete: parts.every((part) => part.count !== null), parts };
  }
}
