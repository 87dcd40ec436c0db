import type { InboundActivity, InvokeResponse } from '@herald/contracts';
import { botTranslatorFor } from '@herald/i18n';

/**
 * What the router answers each invoke Teams may send it, until a feature owns it: always a
 * well-formed answer of the kind Teams expects, never an error (an error shows the user
 * "Something went wrong"). Unknown invokes get 501, as botbuilder's handler does.
 */
export function invokeAnswer(activity: InboundActivity): InvokeResponse {
  const name = activity.name ?? '';
  const t = botTranslatorFor(activity);
  if (name === 'adaptiveCard/action') {
    // Universal Actions: a message response shows the text instead of updating the card.
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: t('card.notAvailable') } };
  }
  if (name === 'task/fetch' || name === 'task/submit') {
    return { status: 200, body: { task: { type: 'message', value: t('invoke.dialogNotAvailable') } } };
  }
  if (name === 'composeExtension/query') {
    return { status: 200, body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } } };
  }
  if (name.startsWith('composeExtension/')) {
    return { status: 200, body: { composeExtension: { type: 'message', text: t('invoke.notAvailable') } } };
  }
  if (name === 'fileConsent/invoke') return { status: 200 };
  return { status: 501 };
}
