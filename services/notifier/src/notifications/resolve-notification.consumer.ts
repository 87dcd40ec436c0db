import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CONSUMERS, notificationEventSchema, SUBJECTS, type NotificationRequested } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { JetStreamContext, JetStreamEventPattern, MessageBus, PoisonMessageError } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { ScheduledMessages } from '../scheduling/scheduled-messages.js';
import { deliveryRequested, notificationDue, notificationResolved, partitionOf, recipientSettled } from './notification-messages.js';
import { NotificationRequests } from './notification-requests.js';
import { NotificationState } from './notification-state.js';
import { RecipientDirectory } from './recipient-directory.js';

/**
 * NotificationRequested (or, for one with a future `sendAt`, its NotificationDue) → one
 * DeliveryRequested per recipient (work queue, partitioned), or RecipientSettled NotInstalled for
 * those Herald cannot reach yet (Skipped for guests when so configured) → NotificationResolved
 * with the total. Every message id derives from the notification and the recipient, so a
 * resolution interrupted half-way and run again publishes nothing twice. A scheduled notification
 * waits in the scheduler's table, not in this consumer: nothing due now queues behind it.
 */
@Controller()
export class ResolveNotificationConsumer {
  constructor(
    @Inject(RecipientDirectory) private readonly directory: RecipientDirectory,
    @Inject(NotificationRequests) private readonly requests: NotificationRequests,
    @Inject(NotificationState) private readonly notifications: NotificationState,
    @Inject(ScheduledMessages) private readonly scheduled: ScheduledMessages,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.notificationRequests, { durable: CONSUMERS.notifierResolve })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const event = notificationEventSchema.parse(payload);
    if (event.type === 'NotificationRequested') {
      const dueAt = event.data.sendAt ? new Date(event.data.sendAt) : undefined;
      if (dueAt && dueAt.getTime() > Date.now()) return this.schedule(event, dueAt);
      return this.resolve(event, context);
    }
    if (event.type !== 'NotificationDue') return;
    const requested = await this.requests.find(event.data.notificationId);
    // Nothing to resolve, now or ever (the API schedules within the stream's retention): given up at once.
    if (!requested) throw new PoisonMessageError(`NotificationDue for ${event.data.notificationId}, whose NotificationRequested is not stored`);
    return this.resolve(requested, context);
  }

  private async schedule(requested: NotificationRequested, dueAt: Date): Promise<void> {
    const due = notificationDue(requested, dueAt);
    await this.scheduled.schedule({ id: due.metadata.id, subject: SUBJECTS.notification(subjectToken(requested.data.notificationId)), message: due, dueAt });
    this.logger.info({ notificationId: requested.data.notificationId, dueAt }, 'notification scheduled');
  }

  private async resolve(requested: NotificationRequested, context: JetStreamContext): Promise<void> {
    const { notificationId } = requested.data;
    // Cancelled while it waited for its time: nobody is resolved, and the app hears it once (total 0).
    const cancelled = (await this.notifications.latest(notificationId))?.cancelled ?? false;
    const total = cancelled ? 0 : await this.fanOut(requested, () => context.message.working());
    await this.bus.publish(SUBJECTS.notification(subjectToken(notificationId)), notificationResolved(requested, total));
    this.logger.info({ notificationId, total, cancelled }, 'notification resolved');
  }

  private async fanOut(requested: NotificationRequested, stillWorking: () => void): Promise<number> {
    const settledSubject = SUBJECTS.notificationSettled(subjectToken(requested.data.notificationId));
    const seen = new Set<string>();
    for await (const page of this.directory.resolve(requested.data.recipients, requested.metadata)) {
      const fresh = page.filter((resolution) => !seen.has(resolution.recipientKey) && seen.add(resolution.recipientKey));
      await Promise.all(
        fresh.map((resolution) =>
          resolution.kind === 'deliver'
            ? this.bus.publish(SUBJECTS.deliveryRequest(partitionOf(resolution.recipientKey)), deliveryRequested(requested, resolution))
            : this.bus.publish(settledSubject, recipientSettled(requested, resolution.recipientKey, { bucket: resolution.kind === 'skipped' ? 'Skipped' : 'NotInstalled', code: resolution.reason, attempts: 0 })),
        ),
      );
      stillWorking();
    }
    return seen.size;
  }
}
