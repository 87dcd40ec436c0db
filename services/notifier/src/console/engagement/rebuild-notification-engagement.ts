import { rebuildByReplay } from '@herald/event-sourcing';
import type { MessageBus } from '@herald/messaging';
import type { MikroORM } from '@herald/persistence';
import { notificationEngagementProjection, NOTIFICATION_ENGAGEMENT_TABLES } from './notification-engagement.projection.js';

/** Empties the acknowledgements and reactions and replays the INTERACTIONS stream into them. */
export function rebuildNotificationEngagement(database: MikroORM, bus: MessageBus): Promise<{ events: number; position: number }> {
  return rebuildByReplay(database, bus, notificationEngagementProjection(bus.names.stream('interactions').name), NOTIFICATION_ENGAGEMENT_TABLES);
}
