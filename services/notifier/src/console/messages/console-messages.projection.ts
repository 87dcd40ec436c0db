import { consoleMessageEventSchema, SUBJECTS, type ConsoleMessageEvent } from '@herald/contracts';
import type { Projection } from '@herald/event-sourcing';
import type { EntityManager } from '@herald/persistence';

export const CONSOLE_MESSAGES = 'console-messages';
export const CONSOLE_MESSAGES_TABLES = ['console_messages'] as const;

/**
 * `console_messages`: one row per console message of the CONSOLE stream, as its own events say —
 * title, author, approval, its notification once sent, when it goes. `state` is `draft`,
 * `awaitingApproval`, `sent` (its notification was requested) or `cancelled`; the list derives
 * scheduled / sending / sent from the notification (answer-console-messages.handler.ts).
 * Deleted drafts are removed.
 */
export function consoleMessagesProjection(stream: string): Projection<ConsoleMessageEvent> {
  return {
    name: CONSOLE_MESSAGES,
    stream,
    filter: SUBJECTS.consoleMessages,
    parse: (body) => consoleMessageEventSchema.parse(body),
    async apply(em, events) {
      for (const { event } of events) await project(em, event);
    },
  };
}

async function project(em: EntityManager, event: ConsoleMessageEvent): Promise<void> {
  const { data } = event;
  switch (event.type) {
    case 'MessageDrafted':
      await em.execute(
        `insert into console_messages (message_id, tenant_id, title, state, author, needs_approval, created_at, updated_at)
         values (?, ?, ?, 'draft', ?, ?, ?, ?) on conflict (message_id) do nothing`,
        [data.messageId, event.data.author.tenantId, event.data.draft.title, JSON.stringify(event.data.author), event.data.draft.needsApproval, event.data.draftedAt, event.data.draftedAt],
      );
      return;
    case 'MessageDraftEdited':
      await update(em, data.messageId, { title: event.data.draft.title, needs_approval: event.data.draft.needsApproval, updated_at: event.data.editedAt });
      return;
    case 'MessageDraftDeleted':
      await em.execute('delete from console_messages where message_id = ?', [data.messageId]);
      return;
    case 'MessageSubmittedForApproval':
      await update(em, data.messageId, { state: 'awaitingApproval', send_at: event.data.send.sendAt ?? null, time_zone: event.data.send.timeZone ?? null, updated_at: event.data.submittedAt });
      return;
    case 'MessageApproved':
      await update(em, data.messageId, { approved_by: JSON.stringify(event.data.approver), updated_at: event.data.approvedAt });
      return;
    case 'MessageSent':
      await update(em, data.messageId, {
        state: 'sent',
        notification_id: event.data.notificationId,
        send_at: event.data.send.sendAt ?? null,
        time_zone: event.data.send.timeZone ?? null,
        updated_at: event.data.sentAt,
      });
      return;
    case 'MessageCancelled':
      await update(em, data.messageId, { state: 'cancelled', updated_at: event.data.cancelledAt });
      return;
    default: {
      const unexpected: never = event;
      throw new Error(`unhandled console message event ${(unexpected as ConsoleMessageEvent).type}`);
    }
  }
}

/** Sets the named columns (fixed names from this file, never input) of one message. */
async function update(em: EntityManager, messageId: string, columns: Record<string, string | boolean | null>): Promise<void> {
  const names = Object.keys(columns);
  await em.execute(`update console_messages set ${names.map((name) => `${name} = ?`).join(', ')} where message_id = ?`, [...Object.values(columns), messageId]);
}
