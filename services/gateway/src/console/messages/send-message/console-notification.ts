import { composeCard, draftProblems, type DraftProblem } from '@herald/console-cards';
import { notificationRequestSchema, type ConsoleDraft, type ConsoleSend, type NotificationContent, type NotificationRequest } from '@herald/contracts';
import { Problem } from '../../../problem-details.filter.js';
import type { CardBinder } from '../../../notifications/card-binding/card-binder.js';
import { boundContent } from '../../../notifications/notification-requested.js';
import { recipientsOf } from './console-recipients.js';

/** What a console message asks of the notification API, checked: the request and the content to send. */
export interface ConsoleNotificationRequest {
  request: NotificationRequest;
  content: NotificationContent;
}

/** The problem type of a message that cannot be sent as it is (422, `problems: [{ field, message }]`). */
export const NOT_SENDABLE = 'https://herald.dev/problems/message-not-sendable';

/**
 * The notification `notificationId` a draft becomes: its card (composed, with the Acknowledge
 * button carrying the notification id; an advanced card bound to its data by the gateway's card
 * binders), its recipients in the author's tenant, its `sendAt`. Everything that stops it is
 * named field by field in one 422 (`draftProblems`, the notification request's own rules, the
 * binding).
 */
export async function consoleNotificationRequest(draft: ConsoleDraft, send: ConsoleSend, context: { notificationId: string; tenantId: string; now: Date }, cards: Pick<CardBinder, 'bind'>): Promise<ConsoleNotificationRequest> {
  const problems = draftProblems(draft);
  if (send.sendAt && Date.parse(send.sendAt) < context.now.getTime() - 60_000) problems.push({ field: 'sendAt', message: 'this time has passed: give a later one, or send now' });
  const body = {
    recipients: recipientsOf(draft.audience, context.tenantId),
    card: composeCard(draft, { notificationId: context.notificationId }),
    ...(draft.advanced?.data ? { data: draft.advanced.data } : {}),
    ...(send.sendAt ? { sendAt: send.sendAt } : {}),
  };
  const parsed = notificationRequestSchema.safeParse(body);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => ({ field: draftField(issue.path, draft), message: issue.message })));
  const distinct = withoutRepeats(problems);
  if (distinct.length > 0 || !parsed.success) throw notSendable(distinct);
  return { request: parsed.data, content: await bound(parsed.data, cards) };
}

/** 422 naming each field at fault (`problems`), the first as `field`. */
export function notSendable(problems: DraftProblem[]): Problem {
  const detail = `the message cannot be sent as it is: ${problems.map(({ field, message }) => `${field}: ${message}`).join('; ')}`;
  return new Problem(422, detail, {}, problems[0]?.field, { type: NOT_SENDABLE, extensions: { problems } });
}

/** The card bound to its data; a card that cannot be (the binder's 400 naming `card`) is a problem of the draft's advanced card. */
async function bound(request: NotificationRequest, cards: Pick<CardBinder, 'bind'>): Promise<NotificationContent> {
  try {
    return await boundContent(request, cards);
  } catch (error) {
    if (!(error instanceof Problem) || error.getStatus() !== 400) throw error;
    const { detail } = error.getResponse() as { detail?: unknown };
    const message = typeof detail === 'string' ? detail.replace(/^card: /, '') : 'cannot be bound to its data';
    throw notSendable([{ field: 'advanced.card', message }]);
  }
}

/** Where a notification request's field came from in the draft. */
function draftField(path: readonly PropertyKey[], draft: ConsoleDraft): string {
  const [head, ...rest] = path.map(String);
  switch (head) {
    case 'recipients':
      return 'audience';
    case 'card':
      return draft.advanced ? ['advanced.card', ...rest].join('.') : 'title';
    case 'data':
      return ['advanced.data', ...rest].join('.');
    default:
      return [head ?? '(draft)', ...rest].join('.');
  }
}

/** One problem per field: the draft's own words first (the notification request's say the same of `audience` less plainly). */
function withoutRepeats(problems: DraftProblem[]): DraftProblem[] {
  const seen = new Set<string>();
  return problems.filter(({ field }) => (seen.has(field) ? false : (seen.add(field), true)));
}
