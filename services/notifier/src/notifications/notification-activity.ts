import type { NotificationContent, OutboundActivity } from '@herald/contracts';

/** The message a notification's content becomes: markdown text, an Adaptive Card, or both. */
export function activityOf(content: NotificationContent): OutboundActivity {
  return {
    type: 'message',
    ...(content.text ? { text: content.text, textFormat: 'markdown' as const } : {}),
    ...(content.card ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: content.card }] } : {}),
  };
}
