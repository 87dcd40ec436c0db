import type { InboundActivity, InvokeResponse } from '@herald/contracts';

/**
 * What the router answers each invoke Teams may send it, until a feature owns it: always a
 * well-formed answer of the kind Teams expects, never an error (an error shows the user
 * "Something went wrong"). Unknown invokes get 501, as botbuilder's handler does.
 */
export function invokeAnswer(activity: InboundActivity): InvokeResponse {
  const name = activity.name ?? '';
  if (name === 'adaptiveCard/action') {
    // Universal Actions: a message response shows the text instead of updating the card.
    return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'This action is not available.' } };
  }
  if (name === 'task/fetch' || name === 'task/submit') {
    return { status: 200, body: { task: { type: 'message', value: 'This dialog is not available.' } } };
  }
  if (name === 'composeExtension/query') {
    return { status: 200, body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } } };
  }
  if (name.startsWith('composeExtension/')) {
    return { status: 200, body: { composeExtension: { type: 'message', text: 'This is not available.' } } };
  }
  if (name === 'fileConsent/invoke') return { status: 200 };
  return { status: 501 };
}
