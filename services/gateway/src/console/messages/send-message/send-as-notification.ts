import type { ConsoleSend } from '@herald/contracts';
import { Problem } from '../../../problem-details.filter.js';
import type { ApproveMessage, SendMessage } from '../console-message.commands.js';
import type { ConsoleMessage } from '../console-message.js';
import type { ConsoleMessages } from '../console-messages.js';
import type { ConsoleNotifications } from './console-notifications.js';

/**
 * Sends a message: its notification first (stored once, whatever the retries), then the
 * message's MessageSent. When the message refuses after all (another author changed or
 * cancelled it in between), the notification is cancelled again before anyone gets it.
 */
export async function sendAsNotification(
  deps: { messages: ConsoleMessages; notifications: ConsoleNotifications },
  message: ConsoleMessage,
  send: ConsoleSend,
  command: SendMessage | ApproveMessage,
): Promise<ConsoleMessage> {
  const now = new Date(command.metadata.occurredAt);
  deps.messages.check(command, message);
  const notificationId = await deps.notifications.request(message, send, now);
  try {
    return await deps.messages.handle(command);
  } catch (error) {
    if (error instanceof Problem && error.getStatus() < 500) await deps.notifications.cancel(notificationId, now);
    throw error;
  }
}
