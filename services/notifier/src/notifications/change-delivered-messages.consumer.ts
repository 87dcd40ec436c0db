import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CONSUMERS, deriveId, metadataFor, notificationEventSchema, SUBJECTS, type NotificationEvent, type SendActivity } from '@herald/contracts';
import { MessageBus } from '@herald/messaging';
import { JetStreamEventPattern } from '@herald/messaging';
import { DATABASE, type MikroORM } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { activityOf } from './notification-activity.js';

type Delivered = { recipient_key: string; conversation_id: string; activity_id: string; service_url: string; tenant_id: string | null };

/**
 * PATCH and DELETE of a notification reach every message already delivered: one SendActivity
 * per message (a PUT with the new content, or a DELETE), through the same claimed, governed,
 * retried path as every other send. Deliveries still to come send the new content themselves.
 */
@Controller()
export class ChangeDeliveredMessagesConsumer {
  constructor(
    @Inject(DATABASE) private readonly database: MikroORM,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.notificationRequests, { durable: CONSUMERS.notifierChangeDelivered })
  async handle(@Payload() payload: unknown): Promise<void> {
    const event = notificationEventSchema.parse(payload);
    if (event.type !== 'NotificationUpdated' && event.type !== 'NotificationDeleted') return;
    const delivered = await this.database.em.fork().execute<Delivered[]>(
      `select r.recipient_key, r.conversation_id, r.activity_id, c.service_url, c.tenant_id
       from notification_recipients r join known_conversations c on c.conversation_id = r.conversation_id
       where r.notification_id = ? and r.bucket = 'Delivered' and r.activity_id is not null`,
      [event.data.notificationId],
    );
    for (let start = 0; start < delivered.length; start += 500) {
      await Promise.all(delivered.slice(start, start + 500).map((message) => this.bus.publish(SUBJECTS.sendActivity, change(event, message))));
    }
    this.logger.info({ notificationId: event.data.notificationId, change: event.type, messages: delivered.length }, 'delivered messages changed');
  }
}

function change(event: Extract<NotificationEvent, { type: 'NotificationUpdated' | 'NotificationDeleted' }>, message: Delivered): SendActivity {
  const target = { serviceUrl: message.service_url, conversationId: message.conversation_id, ...(message.tenant_id ? { tenantId: message.tenant_id } : {}) };
  const data =
    event.type === 'NotificationUpdated'
      ? { ...target, updateActivityId: message.activity_id, activity: activityOf(event.data.content), interactive: false }
      : { ...target, deleteActivityId: message.activity_id, activity: { type: 'message' }, interactive: false };
  return {
    type: 'SendActivity',
    data,
    metadata: metadataFor({ id: deriveId('ChangeDelivered', event.metadata.id, message.recipient_key), cause: event.metadata, occurredAt: new Date(), traceparent: event.metadata.traceparent }),
  };
}
