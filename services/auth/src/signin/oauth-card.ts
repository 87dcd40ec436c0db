import type { OutboundActivity } from '@herald/contracts';
import type { BotTranslate } from '@herald/i18n';

export const OAUTH_CARD = 'application/vnd.microsoft.card.oauth';

/**
 * The OAuth card of `signin`: Teams first tries single sign-on with `tokenExchangeResource` (a
 * token for Herald's Application ID URI, sent back as `signin/tokenExchange`), and shows the
 * sign-in button only when that fails. `exchangeId` names this attempt (the exchange's `value.id`).
 * Its text and button are in the person's language (`t`).
 */
export function oauthCard(options: { connectionName: string; resourceUri: string; exchangeId: string; signInUrl?: string }, t: BotTranslate): OutboundActivity {
  return {
    type: 'message',
    attachments: [
      {
        contentType: OAUTH_CARD,
        content: {
          text: t('signin.card.text'),
          connectionName: options.connectionName,
          tokenExchangeResource: { id: options.exchangeId, uri: options.resourceUri },
          buttons: options.signInUrl ? [{ type: 'signin', title: t('signin.card.button'), value: options.signInUrl }] : [],
        },
      },
    ],
  };
}
