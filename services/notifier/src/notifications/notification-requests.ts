import { notificationEventSchema, SUBJECTS, type NotificationEvent, type NotificationRequested } from '@herald/contracts';
import { EventStore, subjectToken } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';

/**
 * A notification's NotificationRequested, read from its own subject in the event log (the first
 * event there: the API stores it only on an empty subject). For what cannot wait for a projection:
 * a NotificationDue to resolve, a status asked for right after the 202.
 */
export class NotificationRequests {
  private readonly events: EventStore;

  constructor(bus: MessageBus) {
    this.events = new EventStore(bus);
  }

  async find(notificationId: string): Promise<NotificationRequested | undefined> {
    const { events } = await this.events.read<NotificationEvent>(SUBJECTS.notification(subjectToken(notificationId)), (body) => notificationEventSchema.parse(body));
    const first = events[0]?.event;
    return first?.type === 'NotificationRequested' ? first : undefined;
  }
}
