import { CreateOutboundSends } from './0001-outbound-sends.migration.js';
import { CreateDeliveryLog } from './0002-delivery-log.migration.js';
import { CreateTopicSubscriptions } from './0003-topic-subscriptions.migration.js';
import { CreateNotifications } from './0004-notifications.migration.js';
import { CreateStaleConversations } from './0005-stale-conversations.migration.js';
import { AddNotificationContent } from './0006-notification-content.migration.js';
import { CreatePreferences } from './0007-preferences.migration.js';
import { CreateWebhookOutbox } from './0008-webhook-outbox.migration.js';
import { AddRecipientHistory } from './0009-recipient-history.migration.js';
import { CreateKnownPeople } from './0010-known-people.migration.js';
import { CreateScheduledMessages } from './0011-scheduled-messages.migration.js';
import { CreateKnownChannels } from './0012-known-channels.migration.js';
import { CreateLinkedPeople } from './0013-linked-people.migration.js';
import { CreatePersonPreferences } from './0014-person-preferences.migration.js';
import { CreateDirectoryPeople } from './0015-directory-people.migration.js';
import { CreateConsoleReads } from './0016-console-reads.migration.js';

/** The notifier schema's checked-in migrations, oldest first. Never edit one that shipped. */
export const NOTIFIER_MIGRATIONS = [
  { name: '0001_outbound_sends', class: CreateOutboundSends },
  { name: '0002_delivery_log', class: CreateDeliveryLog },
  { name: '0003_topic_subscriptions', class: CreateTopicSubscriptions },
  { name: '0004_notifications', class: CreateNotifications },
  { name: '0005_stale_conversations', class: CreateStaleConversations },
  { name: '0006_notification_content', class: AddNotificationContent },
  { name: '0007_preferences', class: CreatePreferences },
  { name: '0008_webhook_outbox', class: CreateWebhookOutbox },
  { name: '0009_recipient_history', class: AddRecipientHistory },
  { name: '0010_known_people', class: CreateKnownPeople },
  { name: '0011_scheduled_messages', class: CreateScheduledMessages },
  { name: '0012_known_channels', class: CreateKnownChannels },
  { name: '0013_linked_people', class: CreateLinkedPeople },
  { name: '0014_person_preferences', class: CreatePersonPreferences },
  { name: '0015_directory_people', class: CreateDirectoryPeople },
  { name: '0016_console_reads', class: CreateConsoleReads },
];
