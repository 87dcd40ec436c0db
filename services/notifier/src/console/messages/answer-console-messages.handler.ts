import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { consoleMessagesRequestSchema, SUBJECTS, type ConsoleMessagesAnswer } from '@herald/contracts';
import { DATABASE, type MikroORM } from '@herald/persistence';
import { cursorOf, DERIVED_STATE, placeOf, summaryOf, type MessageRow } from './console-message-rows.js';

/**
 * A page of a tenant's console messages, newest first (request/reply, for the console's list):
 * each with its notification's live counts from `notification_status`. `state` filters by the
 * derived state; `after` is the previous page's `next`.
 */
@Controller()
export class AnswerConsoleMessagesHandler {
  constructor(@Inject(DATABASE) private readonly database: MikroORM) {}

  @MessagePattern(SUBJECTS.consoleMessagesRequest)
  async answer(@Payload() payload: unknown): Promise<ConsoleMessagesAnswer> {
    const { tenantId, state, after, limit } = consoleMessagesRequestSchema.parse(payload).data;
    const place = placeOf(after);
    const params: unknown[] = [tenantId, ...(place ?? []), ...(state ? [state] : [])];
    const rows = await this.database.em.fork().execute<MessageRow[]>(
      `select * from (
         select m.message_id, m.title, ${DERIVED_STATE} as derived_state, m.author, m.needs_approval, m.approved_by, m.notification_id,
           m.send_at, m.time_zone, m.created_at, m.updated_at,
           s.total, s.delivered, s.failed, s.unknown, s.not_installed, s.skipped, s.held, s.digested
         from console_messages m left join notification_status s on s.notification_id = m.notification_id
         where m.tenant_id = ? ${place ? 'and (m.created_at, m.message_id) < (?::timestamptz, ?)' : ''}
       ) listed ${state ? 'where derived_state = ?' : ''}
       order by created_at desc, message_id desc limit ${limit + 1}`,
      params,
    );
    const page = rows.slice(0, limit);
    return { messages: page.map(summaryOf), next: rows.length > limit ? cursorOf(page.at(-1)!) : null };
  }
}
