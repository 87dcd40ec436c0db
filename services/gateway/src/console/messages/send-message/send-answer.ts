import type { ConsoleMessageState } from '@herald/contracts';
import type { ConsoleMessage } from '../console-message.js';
import { consoleMessageState } from '../read-message/console-message-view.js';

/** What `send` and `approve` answer (202). */
export interface SendAnswer {
  id: string;
  /** The message's version after the write (as every write answers it). */
  version: number;
  state: ConsoleMessageState;
  notificationId?: string;
}

export function answerOf(message: ConsoleMessage, now: Date): SendAnswer {
  return { id: message.id!, version: message.version, state: consoleMessageState(message, null, now), ...(message.notificationId ? { notificationId: message.notificationId } : {}) };
}
