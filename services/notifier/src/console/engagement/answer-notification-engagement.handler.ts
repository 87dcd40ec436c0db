import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { notificationEngagementRequestSchema, SUBJECTS, type NotificationEngagement } from '@herald/contracts';
import { DATABASE, type MikroORM } from '@herald/persistence';

/**
 * Acknowledgements and standing reactions of a notification's messages (request/reply): people who
 * acknowledged its card, and the reactions on the copies it delivered — each copy found by the
 * activity id its RecipientSettled carried (`notification_recipients.activity_id`).
 */
@Controller()
export class AnswerNotificationEngagementHandler {
  constructor(@Inject(DATABASE) private readonly database: MikroORM) {}

  @MessagePattern(SUBJECTS.notificationEngagementRequest)
  async answer(@Payload() payload: unknown): Promise<NotificationEngagement> {
    const { notificationId } = notificationEngagementRequestSchema.parse(payload).data;
    const em = this.database.em.fork();
    const [acknowledged] = await em.execute<{ count: string }[]>('select count(*) from notification_acknowledgements where notification_id = ?', [notificationId]);
    const reactions = await em.execute<{ reaction: string; count: string }[]>(
      `select r.reaction, count(*) from notification_recipients n
         join message_reactions r on r.message_id = n.activity_id and r.conversation_id = split_part(n.conversation_id, ';messageid=', 1)
       where n.notification_id = ? and n.activity_id is not null
       group by r.reaction order by r.reaction`,
      [notificationId],
    );
    return {
      notificationId,
      acknowledged: Number(acknowledged?.count ?? 0),
      reactions: Object.fromEntries(reactions.map((row) => [row.reaction, Number(row.count)])),
    };
  }
}
