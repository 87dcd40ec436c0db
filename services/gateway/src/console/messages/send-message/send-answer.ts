import type { ConsoleSendAnswer } from '@herald/contracts';
import type { ConsoleMessage } from '../console-message.js';
import { consoleMessageState } from '../read-message/console-message-view.js';

/** What `send` and `approve` answer (202). */
export function answerOf(message: ConsoleMessage, now: Date): ConsoleSendAnswer {
  return { id: message.id!, version: message.version, state: consoleMessageState(message, null, now), ...(message.notificationId ? { notificationId: message.notificationId } : {}) };
}
