import type { OutboundActivity } from '@herald/contracts';

export const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

/**
 * The OAuth card of `signin`: Teams first tries single sign-on with `tokenExchangeResource` (a
 * token for Herald's Application ID URI, sent back as `signin/tokenExchange`), and shows the
 * sign-in button only when that fails. `exchangeId` names this attempt (the exchange's `value.id`).
 */
export function oauthCard(options: { connectionName: string; resourceUri: string; exchangeId: string; signInUrl?: string }): OutboundActivity {
  return {
    type: 'message',
    attachments: [
      {
        contentType: OAUTH_CARD,
        content: {
          text: 'Sign in to Herald with your work account, so the apps that notify you know it is you.',
          connectionName: options.connectionName,
          tokenExchangeResource: { id: options.exchangeId, uri: options.resourceUri },
          buttons: options.signInUrl ? [{ type: 'signin', title: 'Sign in', value: options.signInUrl }] : [],
        },
      },
    ],
  };
}
