import { CreateOutboundSends } from './0001-outbound-sends.migration.js';
import { CreateDeliveryLog } from './0002-delivery-log.migration.js';
import { CreateTopicSubscriptions } from './0003-topic-subscriptions.migration.js';

/** The notifier schema's checked-in migrations, oldest first. Never edit one that shipped. */
export const NOTIFIER_MIGRATIONS = [
  { name: '0001_outbound_sends', class: CreateOutboundSends },
  { name: '0002_delivery_log', class: CreateDeliveryLog },
  { name: '0003_topic_subscriptions', class: CreateTopicSubscriptions },
];
