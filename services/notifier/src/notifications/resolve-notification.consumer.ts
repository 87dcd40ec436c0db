import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CONSUMERS, notificationEventSchema, SUBJECTS, type NotificationRequested } from '@herald/contracts';
import { subjectToken } from '@herald/event-sourcing';
import { JetStreamContext, JetStreamEventPattern, MessageBus, RetryLaterError } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { deliveryRequested, notificationResolved, partitionOf, recipientSettled } from './notification-messages.js';
import { RecipientDirectory } from './recipient-directory.js';

/** Longest wait for a scheduled notification before looking again. */
const MAX_SCHEDULE_WAIT_MS = 60 * 60_000;

/**
 * NotificationRequested → one DeliveryRequested per recipient (work queue, partitioned), or
 * RecipientSettled NotInstalled for those Herald cannot reach yet (Skipped for guests when so
 * configured) → NotificationResolved with
 * the total. Every message id derives from the notification and the recipient, so a resolution
 * interrupted half-way and run again publishes nothing twice.
 */
@Controller()
export class ResolveNotificationConsumer {
  constructor(
    @Inject(RecipientDirectory) private readonly directory: RecipientDirectory,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @JetStreamEventPattern(SUBJECTS.notificationRequests, { durable: CONSUMERS.notifierResolve })
  async handle(@Payload() payload: unknown, @Ctx() context: JetStreamContext): Promise<void> {
    const event = notificationEventSchema.parse(payload);
    if (event.type !== 'NotificationRequested') return;
    const wait = event.data.sendAt ? Date.parse(event.data.sendAt) - Date.now() : 0;
    if (wait > 0) throw new RetryLaterError(`scheduled for ${event.data.sendAt}`, Math.min(wait, MAX_SCHEDULE_WAIT_MS));
    const total = await this.fanOut(event, () => context.message.working());
    const token = subjectToken(event.data.notificationId);
    await this.bus.publish(SUBJECTS.notification(token), notificationResolved(event, total));
    this.logger.info({ notificationId: event.data.notificationId, total }, 'notification resolved');
  }

  private async fanOut(requested: NotificationRequested, stillWorking: () => void): Promise<number> {
    const settledSubject = SUBJECTS.notificationSettled(subjectToken(requested.data.notificationId));
    const seen = new Set<string>();
    for await (const page of this.directory.resolve(requested.data.recipients)) {
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
