import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { consoleTeamsRequestSchema, SUBJECTS, type ConsoleTeamsAnswer } from '@herald/contracts';
import { DATABASE, type MikroORM } from '@herald/persistence';

/** At most this many teams in one answer: the picker narrows with `search`. */
const MOST_TEAMS = 200;

type Row = { team_id: string; name: string | null; aad_group_id: string | null; channels: { channelId: string; name: string | null }[] };

/** The teams of a tenant Herald is installed in, with their channels (request/reply, for the console's audience picker); `search`: in the team's name. */
@Controller()
export class AnswerConsoleTeamsHandler {
  constructor(@Inject(DATABASE) private readonly database: MikroORM) {}

  @MessagePattern(SUBJECTS.consoleTeamsRequest)
  async answer(@Payload() payload: unknown): Promise<ConsoleTeamsAnswer> {
    const { tenantId, search } = consoleTeamsRequestSchema.parse(payload).data;
    const text = search?.trim();
    const rows = await this.database.em.fork().execute<Row[]>(
      `select t.team_id, t.name, t.aad_group_id,
         coalesce((select json_agg(json_build_object('channelId', c.channel_id, 'name', c.name) order by c.channel_id <> t.team_id, c.name nulls first, c.channel_id)
                   from console_channels c where c.team_id = t.team_id and not c.deleted), '[]'::json) as channels
       from console_teams t
       where t.tenant_id = ? and t.installed and not t.deleted ${text ? `and t.name ilike ? escape '\\'` : ''}
       order by t.name nulls last, t.team_id limit ${MOST_TEAMS}`,
      text ? [tenantId, `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`] : [tenantId],
    );
    return { teams: rows.map((row) => ({ teamId: row.team_id, name: row.name, aadGroupId: row.aad_group_id, channels: row.channels })) };
  }
}
